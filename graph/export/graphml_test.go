package export

import (
	"testing"

	"kgraph/graph/export/exporttest"
)

func TestGraphMLRoundTripsTexts(t *testing.T) {
	doc := exporttest.ParseGraphML(t, encode(t, GraphML, tinyDataset()))
	if doc.Graph.EdgeDefault != "directed" || len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 2 {
		t.Fatalf("graph: edgedefault %q, %d nodes, %d edges", doc.Graph.EdgeDefault, len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	pact, ussr := doc.Graph.Nodes[0], doc.Graph.Nodes[1]
	if got := pact.Value("n_label"); got != tricky {
		t.Errorf("label = %q, want %q", got, tricky)
	}
	if got := pact.Value("n_description_en"); got != "Line one\nline two\ttabbed" {
		t.Errorf("description = %q", got)
	}
	if got := ussr.Value("n_label_ar"); got != "الاتحاد السوفيتي" {
		t.Errorf("label_ar = %q", got)
	}
	if got := ussr.Value("n_sources"); got != "An <article> & notes, paragraph 2" {
		t.Errorf("sources = %q", got)
	}
	brk := doc.Graph.Edges[0]
	if brk.Source != "yugoslavia" || brk.Target != "ussr" || brk.Value("e_description_en") != "The 'split'" ||
		brk.Value("e_symmetric") != "true" || brk.Value("e_start_year") != "1949" {
		t.Errorf("edge = %+v", brk)
	}
}

func TestGraphMLDeclaresEveryKeyWithAType(t *testing.T) {
	doc := exporttest.ParseGraphML(t, encode(t, GraphML, tinyDataset()))
	declared := map[string]string{} // id -> for
	types := map[string]string{}    // for/name -> type
	for _, k := range doc.Keys {
		if declared[k.ID] != "" {
			t.Errorf("key %q declared twice", k.ID)
		}
		declared[k.ID] = k.For
		types[k.For+"/"+k.Name] = k.Type
	}
	for name, want := range map[string]string{
		"node/label": "string", "node/label_en": "string", "node/label_ar": "string", "node/kind": "string",
		"node/start": "string", "node/end": "string", "node/start_year": "int", "node/end_year": "int",
		"edge/label": "string", "edge/type": "string", "edge/symmetric": "boolean", "edge/start_year": "int",
	} {
		if types[name] != want {
			t.Errorf("key %s has type %q, want %q", name, types[name], want)
		}
	}
	check := func(kind string, elems []exporttest.GraphMLElement) {
		for _, e := range elems {
			for _, d := range e.Data {
				if declared[d.Key] != kind {
					t.Errorf("%s %s uses key %q, which is not declared for %ss", kind, e.ID, d.Key, kind)
				}
			}
		}
	}
	check("node", doc.Graph.Nodes)
	check("edge", doc.Graph.Edges)
}

func TestGraphMLReplacesCharactersXMLCannotHold(t *testing.T) {
	d := tinyDataset()
	d.Entities[0].Labels[0].Text = "bell\x07 and nul\x00"
	doc := exporttest.ParseGraphML(t, encode(t, GraphML, d))
	if got := doc.Graph.Nodes[0].Value("n_label"); got != "bell\uFFFD and nul\uFFFD" {
		t.Errorf("label = %q", got)
	}
}
