package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kgraph/graph/store"
	"kgraph/seed"
)

// gexfReaderDir holds a tiny npm project around graphology-gexf, a GEXF
// reader from the npm registry (scripts/test.sh installs it from its lock
// file); its read.mjs prints what the reader loaded as JSON.
var gexfReaderDir = filepath.Join("testdata", "gexf-reader")

// gexfRead is what read.mjs prints.
type gexfRead struct {
	Type  string `json:"type"`
	Multi bool   `json:"multi"`
	Nodes []struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	} `json:"nodes"`
	Edges []struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	} `json:"edges"`
}

// readGEXF loads b with graphology-gexf. Outside CI it skips when node or
// the reader is not installed; in CI that is a failure.
func readGEXF(t *testing.T, b []byte) (*gexfRead, error) {
	t.Helper()
	_, errNode := exec.LookPath("node")
	_, errModules := os.Stat(filepath.Join(gexfReaderDir, "node_modules", "graphology-gexf"))
	if errNode != nil || errModules != nil {
		msg := "the GEXF reader is not installed: run `npm ci` in graph/export/testdata/gexf-reader (scripts/test.sh does), with Node.js on PATH"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	path := filepath.Join(t.TempDir(), "graph.gexf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("node", filepath.Join(gexfReaderDir, "read.mjs"), path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, &gexfReadError{strings.TrimSpace(stderr.String())}
	}
	var out gexfRead
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("read.mjs printed something else than JSON: %v", err)
	}
	return &out, nil
}

type gexfReadError struct{ msg string }

func (e *gexfReadError) Error() string { return "graphology-gexf: " + e.msg }

func TestGEXFLoadsInAGEXFReader(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    func() (*store.Dataset, error)
	}{
		{"tiny", func() (*store.Dataset, error) { return tinyDataset(), nil }},
		{"seed", seed.Dataset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := tc.d()
			if err != nil {
				t.Fatal(err)
			}
			got, err := readGEXF(t, encode(t, GEXF, d))
			if err != nil {
				t.Fatal(err)
			}
			if got.Type != "directed" || len(got.Nodes) != len(d.Entities) || len(got.Edges) != len(d.Relations) {
				t.Fatalf("read a %s graph of %d nodes and %d edges, want directed, %d and %d", got.Type, len(got.Nodes), len(got.Edges), len(d.Entities), len(d.Relations))
			}
			entities := map[string]store.Entity{}
			for _, e := range d.Entities {
				entities[e.ID] = e
			}
			for _, n := range got.Nodes {
				e, ok := entities[n.Key]
				if !ok {
					t.Fatalf("node %q is no entity", n.Key)
				}
				for _, l := range e.Labels {
					if n.Attributes["label_"+l.Lang] != l.Text {
						t.Errorf("node %s: label_%s = %v, want %q", e.ID, l.Lang, n.Attributes["label_"+l.Lang], l.Text)
					}
				}
				if n.Attributes["label"] != e.Labels.Pick("en") || n.Attributes["kind"] != e.Kind {
					t.Errorf("node %s: label %v, kind %v", e.ID, n.Attributes["label"], n.Attributes["kind"])
				}
				if e.Start != nil && n.Attributes["start_year"] != float64(e.Start.Year) {
					t.Errorf("node %s: start_year %v (%T), want the number %d", e.ID, n.Attributes["start_year"], n.Attributes["start_year"], e.Start.Year)
				}
			}
			relations := map[string]store.Relation{}
			for _, r := range d.Relations {
				relations[r.ID] = r
			}
			for _, e := range got.Edges {
				r, ok := relations[e.Key]
				if !ok {
					t.Fatalf("edge %q is no relation", e.Key)
				}
				if e.Source != r.FromID || e.Target != r.ToID || e.Attributes["kind"] != r.Type || e.Attributes["type"] != r.Type {
					t.Errorf("edge %s: %s -> %s, kind %v, type %v", r.ID, e.Source, e.Target, e.Attributes["kind"], e.Attributes["type"])
				}
				if _, isBool := e.Attributes["symmetric"].(bool); !isBool {
					t.Errorf("edge %s: symmetric is %T, want a boolean", r.ID, e.Attributes["symmetric"])
				}
			}
		})
	}
}

// The reader must be able to fail: a file with an edge to nowhere and one
// with an undeclared attribute are refused.
func TestGEXFReaderRefusesBrokenFiles(t *testing.T) {
	good := string(encode(t, GEXF, tinyDataset()))
	for name, broken := range map[string]string{
		"edge to a missing node": strings.Replace(good, `target="ussr"`, `target="atlantis"`, 1),
		"undeclared attribute":   strings.Replace(good, `<attvalue for="kind"`, `<attvalue for="population"`, 1),
		"not well-formed":        strings.Replace(good, `</nodes>`, ``, 1),
	} {
		t.Run(name, func(t *testing.T) {
			if good == broken {
				t.Fatal("the replacement did not apply")
			}
			if _, err := readGEXF(t, []byte(broken)); err == nil {
				t.Fatal("the reader loaded a broken file")
			}
		})
	}
}

// gexfDoc is the part of a GEXF file Gephi's timeline reads.
type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode       string     `xml:"mode,attr"`
		TimeFormat string     `xml:"timeformat,attr"`
		EdgeType   string     `xml:"defaultedgetype,attr"`
		Nodes      []gexfElem `xml:"nodes>node"`
		Edges      []gexfElem `xml:"edges>edge"`
	} `xml:"graph"`
}

type gexfElem struct {
	ID    string  `xml:"id,attr"`
	Start *string `xml:"start,attr"`
	End   *string `xml:"end,attr"`
}

// TestGEXFPlaysOverTime checks the dynamic graph: every dated entity and
// relation spans the days its dates cover, and an unknown date stays open.
func TestGEXFPlaysOverTime(t *testing.T) {
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	var doc gexfDoc
	dec := xml.NewDecoder(bytes.NewReader(encode(t, GEXF, d)))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "1.3" || doc.Graph.Mode != "dynamic" || doc.Graph.TimeFormat != "date" || doc.Graph.EdgeType != "directed" {
		t.Fatalf("gexf %s, graph mode %q timeformat %q edges %q", doc.Version, doc.Graph.Mode, doc.Graph.TimeFormat, doc.Graph.EdgeType)
	}
	period := map[string][2]*store.PartialDate{}
	for _, e := range d.Entities {
		period[e.ID] = [2]*store.PartialDate{e.Start, e.End}
	}
	for _, r := range d.Relations {
		period[r.ID] = [2]*store.PartialDate{r.Start, r.End}
	}
	day := func(d *store.PartialDate, last bool) string {
		switch {
		case d == nil:
			return "open"
		case last:
			return isoDay(d.Last())
		}
		return isoDay(d.First())
	}
	attr := func(s *string) string {
		if s == nil {
			return "open"
		}
		return *s
	}
	for _, el := range append(doc.Graph.Nodes, doc.Graph.Edges...) {
		p := period[el.ID]
		if attr(el.Start) != day(p[0], false) || attr(el.End) != day(p[1], true) {
			t.Errorf("%s spans %s..%s, want %s..%s", el.ID, attr(el.Start), attr(el.End), day(p[0], false), day(p[1], true))
		}
	}
	// Spot checks in plain dates: a year stands for all of it.
	for _, el := range doc.Graph.Edges {
		if el.ID == "sfry-broke-relations-ussr-1949" && (attr(el.Start) != "1949-01-01" || attr(el.End) != "1949-12-31") {
			t.Errorf("the 1949 break spans %s..%s", attr(el.Start), attr(el.End))
		}
		if el.ID == "sfry-prioritized-ussr" && (el.Start != nil || el.End != nil) {
			t.Error("an undated relation has a period")
		}
	}
}
