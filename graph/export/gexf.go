package export

import (
	"fmt"
	"io"

	"kgraph/graph/store"
)

// EncodeGEXF writes the dataset as GEXF 1.3 (https://gexf.net), Gephi's own
// format, as a dynamic graph: every node and edge with a known date has a
// start and an end (ISO days: a partial date stands for its whole period,
// so a start of "1955" is 1955-01-01 and an end of "1955" 1955-12-31; an
// unknown one is left open), which is what Gephi's timeline plays. Edges
// are directed, from subject to object, and carry their relation type as
// their kind, so that Gephi keeps parallel relations of different types
// apart. The other attributes are tabulate's, declared with their types
// (label_en, label_ar, kind, type, symmetric, start_year, sources, ...).
//
// Ids and texts are XML-escaped; characters XML cannot carry at all
// (control characters) are written as U+FFFD.
func EncodeGEXF(w io.Writer, d *store.Dataset) error {
	t := tabulate(d)
	return writeLines(w, func(g *lineWriter) {
		g.line(`<?xml version="1.0" encoding="UTF-8"?>`)
		g.line(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">`)
		g.line(`  <meta>`)
		g.line(`    <creator>kgraph</creator>`)
		g.line(`  </meta>`)
		g.line(`  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">`)
		g.gexfAttributes("node", t.nodeColumns)
		g.gexfAttributes("edge", t.edgeColumns)
		g.line(`    <nodes>`)
		for _, n := range t.nodes {
			g.line(`      <node id="%s" label="%s"%s>`, esc(n.id), esc(labelOf(n)), gexfPeriod(n))
			g.gexfValues(n.attrs)
			g.line(`      </node>`)
		}
		g.line(`    </nodes>`)
		g.line(`    <edges>`)
		for _, e := range t.edges {
			g.line(`      <edge id="%s" source="%s" target="%s" label="%s" kind="%s"%s>`,
				esc(e.id), esc(e.source), esc(e.target), esc(labelOf(e)), esc(valueOf(e, "type")), gexfPeriod(e))
			g.gexfValues(e.attrs)
			g.line(`      </edge>`)
		}
		g.line(`    </edges>`)
		g.line(`  </graph>`)
		g.line(`</gexf>`)
	})
}

// gexfTypes names tabulate's attribute types as GEXF does.
var gexfTypes = map[attrType]string{typeString: "string", typeInt: "integer", typeBool: "boolean"}

// gexfAttributes declares the columns of one class; "label" is the
// element's own label attribute in GEXF, so it is not declared again.
func (g *lineWriter) gexfAttributes(class string, columns []column) {
	g.line(`    <attributes class="%s" mode="static">`, class)
	for _, c := range columns {
		if c.name != "label" {
			g.line(`      <attribute id="%s" title="%s" type="%s"/>`, esc(c.name), esc(c.name), gexfTypes[c.typ])
		}
	}
	g.line(`    </attributes>`)
}

func (g *lineWriter) gexfValues(attrs []attr) {
	g.line(`        <attvalues>`)
	for _, a := range attrs {
		if a.name != "label" {
			g.line(`          <attvalue for="%s" value="%s"/>`, esc(a.name), esc(formatValue(a.value)))
		}
	}
	g.line(`        </attvalues>`)
}

// gexfPeriod returns the start and end attributes of an element, as the
// first day of its start and the last day of its end.
func gexfPeriod(el element) string {
	s := ""
	if el.start != nil {
		s += fmt.Sprintf(` start="%s"`, isoDay(el.start.First()))
	}
	if el.end != nil {
		s += fmt.Sprintf(` end="%s"`, isoDay(el.end.Last()))
	}
	return s
}

// isoDay writes a YYYYMMDD integer (store.PartialDate.First, Last) as YYYY-MM-DD.
func isoDay(yyyymmdd int) string {
	return fmt.Sprintf("%04d-%02d-%02d", yyyymmdd/10000, yyyymmdd/100%100, yyyymmdd%100)
}

// labelOf is the element's "label" attribute, which tabulate always sets.
func labelOf(el element) string { return valueOf(el, "label") }

// valueOf is the element's attribute of that name as text, "" when absent.
func valueOf(el element, name string) string {
	for _, a := range el.attrs {
		if a.name == name {
			return formatValue(a.value)
		}
	}
	return ""
}
