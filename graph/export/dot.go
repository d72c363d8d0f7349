package export

import (
	"io"
	"strings"
	"unicode"

	"kgraph/graph/store"
)

// EncodeDOT writes the dataset as a Graphviz DOT digraph
// (https://graphviz.org/doc/info/lang.html), which dot, neato and the
// other Graphviz layouts draw (`dot -Tsvg graph.dot`). Nodes and edges
// carry tabulate's attributes (label, kind, type, label_en, label_ar,
// start, end, sources, ...), each as a quoted DOT attribute; Graphviz uses
// label and ignores the others, which tools that read DOT keep. Edges
// point from subject to object; every edge also carries its relation's id.
//
// Every id, name and value is a double-quoted DOT string, with " and \
// escaped and a line break written \n, so that no text can change the
// graph's structure or turn into a Graphviz escape sequence; control
// characters (other than tab and line break) are left out.
func EncodeDOT(w io.Writer, d *store.Dataset) error {
	t := tabulate(d)
	return writeLines(w, func(g *lineWriter) {
		g.line(`digraph "kgraph" {`)
		g.line(`  node [shape="box", style="rounded"];`)
		for _, n := range t.nodes {
			g.line(`  %s [%s];`, dotQuote(n.id), dotAttrs(n.attrs))
		}
		for _, e := range t.edges {
			attrs := append([]attr{{column{"id", typeString}, e.id}}, e.attrs...)
			g.line(`  %s -> %s [%s];`, dotQuote(e.source), dotQuote(e.target), dotAttrs(attrs))
		}
		g.line(`}`)
	})
}

// dotAttrs writes attributes as a DOT attribute list: "name"="value", ...
func dotAttrs(attrs []attr) string {
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		parts[i] = dotQuote(a.name) + "=" + dotQuote(formatValue(a.value))
	}
	return strings.Join(parts, ", ")
}

// dotQuote returns s as a double-quoted DOT string.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			// left out: DOT has no escape for them, and some readers
			// take U+FFFD for the sign of a broken file.
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
