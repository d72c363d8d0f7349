package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"kgraph/graph/store"
)

// EncodeGraphML writes the dataset as GraphML
// (http://graphml.graphdrawing.org), which Gephi, yEd and Cytoscape desktop
// open. Every attribute is declared by a typed <key> (label, kind, type,
// label_en, label_ar, start, end, start_year, ...; see tabulate), and the
// edges are directed, from subject to object; the boolean edge attribute
// "symmetric" marks the types that read the same both ways. Gephi takes the
// "label" attributes as its node and edge labels.
//
// Ids and texts are XML-escaped; characters XML cannot carry at all
// (control characters) are written as U+FFFD.
func EncodeGraphML(w io.Writer, d *store.Dataset) error {
	t := tabulate(d)
	return writeLines(w, func(g *lineWriter) {
		g.line(`<?xml version="1.0" encoding="UTF-8"?>`)
		g.line(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
		for _, c := range t.nodeColumns {
			g.line(`  <key id="%s" for="node" attr.name="%s" attr.type="%s"/>`, esc(nodeKey(c)), esc(c.name), c.typ)
		}
		for _, c := range t.edgeColumns {
			g.line(`  <key id="%s" for="edge" attr.name="%s" attr.type="%s"/>`, esc(edgeKey(c)), esc(c.name), c.typ)
		}
		g.line(`  <graph id="G" edgedefault="directed">`)
		for _, n := range t.nodes {
			g.line(`    <node id="%s">`, esc(n.id))
			g.data(n.attrs, nodeKey)
			g.line(`    </node>`)
		}
		for _, e := range t.edges {
			g.line(`    <edge id="%s" source="%s" target="%s">`, esc(e.id), esc(e.source), esc(e.target))
			g.data(e.attrs, edgeKey)
			g.line(`    </edge>`)
		}
		g.line(`  </graph>`)
		g.line(`</graphml>`)
	})
}

// Key ids are the attribute names with a prefix, since GraphML shares one
// id space between node and edge keys and both have a "label".
func nodeKey(c column) string { return "n_" + c.name }
func edgeKey(c column) string { return "e_" + c.name }

// lineWriter writes lines and keeps the first error; the text formats use it.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

// writeLines runs write with a lineWriter over w and flushes it; the first
// error wins.
func writeLines(w io.Writer, write func(g *lineWriter)) error {
	bw := bufio.NewWriter(w)
	g := &lineWriter{w: bw}
	write(g)
	if g.err != nil {
		return g.err
	}
	return bw.Flush()
}

func (g *lineWriter) line(format string, args ...any) {
	if g.err == nil {
		_, g.err = fmt.Fprintf(g.w, format+"\n", args...)
	}
}

func (g *lineWriter) data(attrs []attr, key func(column) string) {
	for _, a := range attrs {
		g.line(`      <data key="%s">%s</data>`, esc(key(a.column)), esc(formatValue(a.value)))
	}
}

// formatValue renders a value as GraphML's typed attributes expect it.
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	}
	panic(fmt.Sprintf("export: attribute value of unexpected type %T", v))
}

// esc escapes text for XML character data and attribute values alike:
// & < > " ' and the whitespace characters that attribute normalization
// would otherwise change.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
