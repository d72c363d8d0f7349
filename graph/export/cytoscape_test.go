package export

import (
	"encoding/json"
	"testing"
)

func TestCytoscapeElements(t *testing.T) {
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(encode(t, Cytoscape, tinyDataset()), &doc); err != nil {
		t.Fatal(err)
	}
	nodes := map[string]map[string]any{}
	for _, n := range doc.Elements.Nodes {
		nodes[n.Data["id"].(string)] = n.Data
	}
	if len(nodes) != 3 || len(doc.Elements.Edges) != 2 {
		t.Fatalf("%d nodes, %d edges; want 3 and 2", len(nodes), len(doc.Elements.Edges))
	}
	pact := nodes["pact"]
	if pact["label"] != tricky || pact["name"] != tricky || pact["label_en"] != tricky || pact["kind"] != "agreement" {
		t.Errorf("pact = %v", pact)
	}
	ussr := nodes["ussr"]
	if ussr["label_ar"] != "الاتحاد السوفيتي" || ussr["start"] != "1922-12-30" || ussr["end_year"] != 1991.0 {
		t.Errorf("ussr = %v", ussr)
	}
	if ussr["sources"] != "An <article> & notes, paragraph 2" {
		t.Errorf("ussr sources = %q", ussr["sources"])
	}
	for _, e := range doc.Elements.Edges {
		if nodes[e.Data["source"].(string)] == nil || nodes[e.Data["target"].(string)] == nil {
			t.Errorf("edge %v has an end that is not a node", e.Data)
		}
	}
	brk := doc.Elements.Edges[0].Data
	if brk["id"] != "break-1949" || brk["type"] != "BROKE_RELATIONS" || brk["label"] != "broke off relations with" ||
		brk["symmetric"] != true || brk["start_year"] != 1949.0 || brk["description_ar"] != "قطيعة" {
		t.Errorf("break = %v", brk)
	}
	if _, ok := brk["label_ar"]; ok {
		t.Errorf("a type with no Arabic label has a label_ar: %v", brk)
	}
}
