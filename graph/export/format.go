package export

import (
	"io"
	"sort"

	"kgraph/graph/store"
)

// Format is one way of writing a dataset to a file.
type Format struct {
	// Name is what the export command's --format flag calls it.
	Name string
	// MediaType is the Content-Type the HTTP export answers with.
	MediaType string
	// Extension is the file name extension, with its dot.
	Extension string
	// Encode writes the dataset. The same dataset always gives the same bytes.
	Encode func(w io.Writer, d *store.Dataset) error
}

// The formats.
var (
	// JSON is the dataset format the seed, the import command and the
	// validate command read.
	JSON = Format{Name: "json", MediaType: "application/json", Extension: ".json", Encode: EncodeJSON}
	// Cytoscape is Cytoscape.js elements JSON, which Cytoscape desktop
	// imports too.
	Cytoscape = Format{Name: "cytoscape", MediaType: "application/json", Extension: ".json", Encode: EncodeCytoscape}
	// GraphML is the XML graph format of Gephi, yEd and Cytoscape desktop.
	GraphML = Format{Name: "graphml", MediaType: "application/graphml+xml", Extension: ".graphml", Encode: EncodeGraphML}
	// Cypher is a script of idempotent MERGE statements that loads the
	// graph into Neo4j.
	Cypher = Format{Name: "cypher", MediaType: "text/plain; charset=utf-8", Extension: ".cypher", Encode: EncodeCypher}
	// GEXF is Gephi's own format, a dynamic graph whose timeline plays
	// the relations over the years.
	GEXF = Format{Name: "gexf", MediaType: "application/gexf+xml", Extension: ".gexf", Encode: EncodeGEXF}
	// DOT is the graph language of Graphviz.
	DOT = Format{Name: "dot", MediaType: "text/vnd.graphviz; charset=utf-8", Extension: ".dot", Encode: EncodeDOT}
)

var formats = map[string]Format{
	JSON.Name: JSON, Cytoscape.Name: Cytoscape, GraphML.Name: GraphML, Cypher.Name: Cypher, GEXF.Name: GEXF, DOT.Name: DOT,
}

// Lookup returns the format with the given name.
func Lookup(name string) (Format, bool) {
	f, ok := formats[name]
	return f, ok
}

// Names returns the names of the formats, sorted, as usage messages list them.
func Names() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
