// Package exporttest reads exports back as the tools that import them
// would, for the tests of the code that writes them (graph/export and the
// HTTP exports).
package exporttest

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// GraphML is what a GraphML reader sees of a document.
type GraphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	// Keys declares the attributes, each for nodes or for edges.
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	// Graph holds the nodes and the edges.
	Graph struct {
		EdgeDefault string           `xml:"edgedefault,attr"`
		Nodes       []GraphMLElement `xml:"node"`
		Edges       []GraphMLElement `xml:"edge"`
	} `xml:"graph"`
}

// GraphMLElement is a node or an edge with its attribute values.
type GraphMLElement struct {
	ID string `xml:"id,attr"`
	// Source and Target are an edge's ends.
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	// Data holds the values, by key id.
	Data []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

// Value returns the element's value for the key id, or "".
func (e GraphMLElement) Value(key string) string {
	for _, d := range e.Data {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

// ParseGraphML reads a GraphML document strictly, failing the test when it
// is not well-formed.
func ParseGraphML(t testing.TB, b []byte) *GraphML {
	t.Helper()
	var doc GraphML
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not well-formed GraphML: %v\n%s", err, b)
	}
	return &doc
}
