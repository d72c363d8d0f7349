package web_test

// Downloads of the current view: PNG and SVG made in the browser from the
// drawing, GraphML and Cytoscape JSON from the server's exporters with the
// view's filters. Each is opened the way another program would.

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// allowDownloads makes the browser save downloads into dir.
func (p *page) allowDownloads(dir string) {
	p.t.Helper()
	p.do(func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		})
		return chromedp.Void{}, err
	})
}

// download clicks a download button and returns the saved file once the
// browser has finished writing it.
func (p *page) download(button, dir, name string) []byte {
	p.t.Helper()
	p.do(
		chromedp.Click(chromedp.CSS(`[data-testid="downloads"] summary`)),
		chromedp.Click(chromedp.CSS(button), chromedp.NodeVisible),
	)
	path := filepath.Join(dir, name)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		// Chromium writes name.crdownload and renames it when done.
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	p.t.Fatalf("%s was not downloaded as %s (the directory holds %v)", button, name, entries)
	return nil
}

func TestDownloadsOfTheView(t *testing.T) {
	p := openPage(t, "/#entity=soviet-union&depth=2&at=1955")
	p.waitReady()
	p.waitFor("the neighbourhood in 1955", drawnJS("belgrade-declaration"))
	dir := t.TempDir()
	p.allowDownloads(dir)
	drawn := eval[[]string](p, cyJS+`.nodes().map((n) => n.id()).sort()`)

	img, err := png.Decode(strings.NewReader(string(p.download(`[data-testid="download-png"]`, dir, "graph-soviet-union-depth-2-1955.png"))))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 200 {
		t.Errorf("the PNG is %v, too small for the drawing", b)
	}

	svgBytes := p.download(`[data-testid="download-svg"]`, dir, "graph-soviet-union-depth-2-1955.svg")
	var svg struct {
		XMLName xml.Name
		Texts   []string `xml:",any"`
	}
	if err := xml.Unmarshal(svgBytes, &svg); err != nil || svg.XMLName.Local != "svg" {
		t.Fatalf("the SVG does not parse as <svg>: %v (%s)", err, svg.XMLName.Local)
	}
	if !strings.Contains(string(svgBytes), "Soviet Union") {
		t.Error("the SVG lacks the Soviet Union's label")
	}

	// GraphML and JSON: the links carry the view's filters, and the
	// server's exports hold exactly the entities drawn.
	href := func(testid string) string {
		return eval[string](p, `document.querySelector('[data-testid="`+testid+`"]').href`)
	}
	graphmlURL := href("export-graphml")
	if !strings.Contains(graphmlURL, "root=soviet-union") || !strings.Contains(graphmlURL, "depth=2") || !strings.Contains(graphmlURL, "at=1955") {
		t.Errorf("the GraphML link %s lacks the view's filters", graphmlURL)
	}
	ids := graphmlNodeIDs(t, graphmlURL)
	if !slices.Equal(ids, drawn) {
		t.Errorf("the GraphML holds %v, the view draws %v", ids, drawn)
	}

	var elements struct {
		Elements struct {
			Nodes []struct {
				Data struct{ ID string } `json:"data"`
			} `json:"nodes"`
		} `json:"elements"`
	}
	getInto(t, href("export-json"), func(r *http.Response) error { return json.NewDecoder(r.Body).Decode(&elements) })
	ids = ids[:0]
	for _, n := range elements.Elements.Nodes {
		ids = append(ids, n.Data.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, drawn) {
		t.Errorf("the Cytoscape JSON holds %v, the view draws %v", ids, drawn)
	}
}

// TestDownloadsOfAViewOfSeveralEntities checks that with several entities
// expanded the GraphML and JSON downloads hold every entity drawn: the
// links name all of them as roots.
func TestDownloadsOfAViewOfSeveralEntities(t *testing.T) {
	p := openPage(t, "/#entity=croatia&expanded=croatia,russian-federation")
	p.waitReady()
	p.waitFor("both neighbourhoods", drawnJS("croatia")+" && "+drawnJS("soviet-union"))
	drawn := eval[[]string](p, cyJS+`.nodes().map((n) => n.id()).sort()`)
	url := eval[string](p, `document.querySelector('[data-testid="export-graphml"]').href`)
	if !strings.Contains(url, "root=croatia%2Crussian-federation") {
		t.Errorf("the GraphML link %s does not name both expanded entities", url)
	}
	if ids := graphmlNodeIDs(t, url); !slices.Equal(ids, drawn) {
		t.Errorf("the GraphML holds %v, the view draws %v", ids, drawn)
	}
}

// graphmlNodeIDs fetches a GraphML export and returns its node ids, sorted.
func graphmlNodeIDs(t *testing.T, url string) []string {
	t.Helper()
	var graphml struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
		} `xml:"graph"`
	}
	getInto(t, url, func(r *http.Response) error { return xml.NewDecoder(r.Body).Decode(&graphml) })
	var ids []string
	for _, n := range graphml.Graph.Nodes {
		ids = append(ids, n.ID)
	}
	slices.Sort(ids)
	return ids
}

// getInto fetches a URL and decodes the answer.
func getInto(t *testing.T, url string, decode func(*http.Response) error) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s answered %d", url, resp.StatusCode)
	}
	if err := decode(resp); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}
