package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/seed"
)

// trickyLabel needs escaping in JSON and XML alike.
const trickyLabel = `Tom & "Jerry's" <treaty>`

// startExportServer serves the seed plus an entity labelled trickyLabel,
// signed by the Soviet Union.
func startExportServer(t *testing.T, ready func(context.Context) error) *httptest.Server {
	t.Helper()
	s := memstoretest.Open(t)
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	d.Entities = append(d.Entities, store.Entity{ID: "tricky-treaty", Kind: "agreement",
		Labels: store.Texts{{Lang: "ar", Text: "معاهدة «صعبة»"}, {Lang: "en", Text: trickyLabel}}})
	d.Relations = append(d.Relations, store.Relation{ID: "ussr-signed-tricky-treaty", Type: "SIGNED",
		FromID: "soviet-union", ToID: "tricky-treaty", Sources: d.Relations[0].Sources})
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Ready: ready, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv
}

// get fetches a path and returns the response with its body read.
func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// cytoscapeDoc is the shape of /export/graph.json.
type cytoscapeDoc struct {
	Elements struct {
		Nodes []struct{ Data map[string]any } `json:"nodes"`
		Edges []struct{ Data map[string]any } `json:"edges"`
	} `json:"elements"`
}

func (d cytoscapeDoc) nodeIDs() []string {
	var ids []string
	for _, n := range d.Elements.Nodes {
		ids = append(ids, n.Data["id"].(string))
	}
	return ids
}

func (d cytoscapeDoc) edgeIDs() []string {
	var ids []string
	for _, e := range d.Elements.Edges {
		ids = append(ids, e.Data["id"].(string))
	}
	return ids
}

func getCytoscape(t *testing.T, srv *httptest.Server, query string) cytoscapeDoc {
	t.Helper()
	resp, body := get(t, srv, "/export/graph.json"+query)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", query, resp.StatusCode, body)
	}
	var doc cytoscapeDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	return doc
}

func TestExportCytoscape(t *testing.T) {
	srv := startExportServer(t, nil)
	resp, body := get(t, srv, "/export/graph.json")
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="graph.json"` {
		t.Errorf("Content-Disposition = %q", got)
	}
	var doc cytoscapeDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	d, _ := seed.Dataset()
	wantNodes, wantEdges := len(d.Entities)+1, len(d.Relations)+1 // the seed and the tricky treaty
	if len(doc.Elements.Nodes) != wantNodes || len(doc.Elements.Edges) != wantEdges {
		t.Fatalf("%d nodes and %d edges, want the whole graph: %d and %d", len(doc.Elements.Nodes), len(doc.Elements.Edges), wantNodes, wantEdges)
	}
	for _, n := range doc.Elements.Nodes {
		if n.Data["id"] == "tricky-treaty" && (n.Data["label"] != trickyLabel || n.Data["label_ar"] != "معاهدة «صعبة»") {
			t.Errorf("tricky node = %v", n.Data)
		}
	}
	if _, again := get(t, srv, "/export/graph.json"); !bytes.Equal(body, again) {
		t.Error("two exports of the same graph differ")
	}
}

func TestExportGraphML(t *testing.T) {
	srv := startExportServer(t, nil)
	resp, body := get(t, srv, "/export/graph.graphml?root=soviet-union")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/graphml+xml" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="graph-soviet-union.graphml"` {
		t.Errorf("Content-Disposition = %q", got)
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>edge"`
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	declared := map[string]string{}
	for _, k := range doc.Keys {
		declared[k.For+"/"+k.Name] = k.Type
	}
	for _, want := range []string{"node/label_en", "node/label_ar", "node/kind", "node/start", "node/end", "edge/type", "edge/start", "edge/end"} {
		if declared[want] == "" {
			t.Errorf("no <key> declares %s: %v", want, declared)
		}
	}
	found := false
	for _, n := range doc.Nodes {
		for _, d := range n.Data {
			if n.ID == "tricky-treaty" && d.Key == "n_label_en" {
				found = true
				if d.Value != trickyLabel {
					t.Errorf("label_en = %q, want %q", d.Value, trickyLabel)
				}
			}
		}
	}
	if !found {
		t.Errorf("the neighbourhood of the Soviet Union lacks tricky-treaty's label_en")
	}
	if len(doc.Edges) == 0 {
		t.Error("no edges")
	}
}

func TestExportFilters(t *testing.T) {
	srv := startExportServer(t, nil)
	const brk = "sfry-broke-relations-ussr-1949"
	if got := getCytoscape(t, srv, "?at=1949").edgeIDs(); !slices.Contains(got, brk) {
		t.Errorf("1949 lacks the break: %v", got)
	}
	if got := getCytoscape(t, srv, "?at=1960").edgeIDs(); slices.Contains(got, brk) {
		t.Errorf("1960 has the break: %v", got)
	}
	if got := getCytoscape(t, srv, "?types=BROKE_RELATIONS,RESTORED_RELATIONS").edgeIDs(); !slices.Equal(got, []string{brk, "sfry-restored-relations-ussr"}) {
		t.Errorf("types: %v", got)
	}
	if got := getCytoscape(t, srv, "?root=croatia&depth=1").nodeIDs(); len(got) != 5 || !slices.Contains(got, "sfr-yugoslavia") {
		t.Errorf("root croatia, depth 1: %v", got)
	}
	if got := getCytoscape(t, srv, "?root=croatia&depth=2").nodeIDs(); len(got) <= 5 {
		t.Errorf("root croatia, depth 2: %v", got)
	}
	resp, _ := get(t, srv, "/export/graph.json?root=croatia&depth=2&at=1992-04")
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="graph-croatia-depth-2-1992-04.json"` {
		t.Errorf("Content-Disposition = %q", got)
	}
}

func TestExportErrors(t *testing.T) {
	srv := startExportServer(t, nil)
	for _, tc := range []struct {
		query  string
		status int
		code   string
	}{
		{"?at=1949-13", 400, store.EINVALID},
		{"?at=soon", 400, store.EINVALID},
		{"?types=NO_SUCH_TYPE", 400, store.EINVALID},
		{"?depth=2", 400, store.EINVALID},
		{"?root=croatia&depth=9", 400, store.EINVALID},
		{"?root=croatia&depth=x", 400, store.EINVALID},
		{"?type=SIGNED", 400, store.EINVALID},
		{"?at=1949&at=1950", 400, store.EINVALID},
		{"?root=atlantis", 404, store.ENOTFOUND},
	} {
		for _, path := range []string{"/export/graph.json", "/export/graph.graphml", "/export/graph.gexf", "/export/graph.dot"} {
			resp, body := get(t, srv, path+tc.query)
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != tc.status || e.Error.Code != tc.code || e.Error.Message == "" {
				t.Errorf("GET %s%s = %d %s, want %d with code %s", path, tc.query, resp.StatusCode, body, tc.status, tc.code)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("GET %s%s: Content-Type = %q", path, tc.query, got)
			}
		}
	}
}

func TestExportWaitsForTheStore(t *testing.T) {
	srv := startExportServer(t, func(context.Context) error {
		return store.Errorf(store.EUNAVAILABLE, "starting")
	})
	resp, body := get(t, srv, "/export/graph.graphml")
	if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte(`"code":"UNAVAILABLE"`)) {
		t.Errorf("not ready: %d %s", resp.StatusCode, body)
	}
}
