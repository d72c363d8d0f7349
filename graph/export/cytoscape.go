package export

import (
	"encoding/json"
	"io"

	"kgraph/graph/store"
)

// EncodeCytoscape writes the dataset as Cytoscape.js elements JSON:
//
//	{"elements": {"nodes": [{"data": {"id": ..., "label": ...}}],
//	              "edges": [{"data": {"id": ..., "source": ..., "target": ...}}]}}
//
// which cy.add / cytoscape({elements}) take as it is and Cytoscape desktop
// imports (File > Import > Network from File, .cyjs or .json). Each
// element's data holds the attributes tabulate gives it; nodes also get
// "name", the column Cytoscape desktop labels nodes with.
func EncodeCytoscape(w io.Writer, d *store.Dataset) error {
	t := tabulate(d)
	type item struct {
		Data map[string]any `json:"data"`
	}
	doc := struct {
		Elements struct {
			Nodes []item `json:"nodes"`
			Edges []item `json:"edges"`
		} `json:"elements"`
	}{}
	doc.Elements.Nodes = make([]item, 0, len(t.nodes))
	doc.Elements.Edges = make([]item, 0, len(t.edges))
	for _, n := range t.nodes {
		data := dataOf(n)
		data["name"] = data["label"]
		doc.Elements.Nodes = append(doc.Elements.Nodes, item{data})
	}
	for _, e := range t.edges {
		data := dataOf(e)
		data["source"], data["target"] = e.source, e.target
		doc.Elements.Edges = append(doc.Elements.Edges, item{data})
	}
	// encoding/json writes map keys sorted, which keeps the output
	// deterministic. HTML escaping is off: the file is data, not a page,
	// and "<" reads better than "\u003c".
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// dataOf returns the element's id and attributes as a data object.
func dataOf(el element) map[string]any {
	data := make(map[string]any, len(el.attrs)+3)
	data["id"] = el.id
	for _, a := range el.attrs {
		data[a.name] = a.value
	}
	return data
}
