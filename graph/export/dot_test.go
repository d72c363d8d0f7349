package export

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"

	"kgraph/graph/store"
	"kgraph/seed"
)

// dotGraph is what a DOT parser reads: node ids with their attributes and
// edges with theirs, all unquoted.
type dotGraph struct {
	nodes map[string]map[string]string
	edges []dotEdge
}

type dotEdge struct {
	from, to string
	attrs    map[string]string
}

// parseDOT parses b with gonum's DOT parser, which follows the grammar of
// the Graphviz language, and unquotes what it read.
func parseDOT(t *testing.T, b []byte) *dotGraph {
	t.Helper()
	f, err := dot.ParseBytes(b)
	if err != nil {
		t.Fatalf("not DOT: %v\n%s", err, b)
	}
	if len(f.Graphs) != 1 || !f.Graphs[0].Directed {
		t.Fatalf("want one digraph, got %d graphs", len(f.Graphs))
	}
	g := &dotGraph{nodes: map[string]map[string]string{}}
	attrs := func(list []*ast.Attr) map[string]string {
		m := map[string]string{}
		for _, a := range list {
			m[dotUnquote(t, a.Key)] = dotUnquote(t, a.Val)
		}
		return m
	}
	for _, st := range f.Graphs[0].Stmts {
		switch st := st.(type) {
		case *ast.NodeStmt:
			g.nodes[dotUnquote(t, st.Node.ID)] = attrs(st.Attrs)
		case *ast.EdgeStmt:
			from, ok1 := st.From.(*ast.Node)
			to, ok2 := st.To.Vertex.(*ast.Node)
			if !ok1 || !ok2 || st.To.To != nil {
				t.Fatalf("edge statement %s is not one edge between two nodes", st)
			}
			g.edges = append(g.edges, dotEdge{dotUnquote(t, from.ID), dotUnquote(t, to.ID), attrs(st.Attrs)})
		}
	}
	return g
}

// dotUnquote reads a double-quoted DOT string as Graphviz does: \" is a
// quote, \\ a backslash and \n a line break.
func dotUnquote(t *testing.T, s string) string {
	t.Helper()
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		t.Fatalf("%s is not a quoted string", s)
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '\\' && i+1 < len(s)-1 {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestDOTRoundTripsTexts(t *testing.T) {
	g := parseDOT(t, encode(t, DOT, tinyDataset()))
	if len(g.nodes) != 3 || len(g.edges) != 2 {
		t.Fatalf("%d nodes, %d edges", len(g.nodes), len(g.edges))
	}
	pact := g.nodes["pact"]
	if pact["label"] != tricky || pact["description_en"] != "Line one\nline two\ttabbed" {
		t.Errorf("pact = %q", pact)
	}
	if g.nodes["ussr"]["label_ar"] != "الاتحاد السوفيتي" || g.nodes["ussr"]["sources"] != "An <article> & notes, paragraph 2" {
		t.Errorf("ussr = %q", g.nodes["ussr"])
	}
	brk := g.edges[0]
	if brk.from != "yugoslavia" || brk.to != "ussr" || brk.attrs["id"] != "break-1949" || brk.attrs["description_en"] != "The 'split'" || brk.attrs["start"] != "1949" {
		t.Errorf("edge = %+v", brk)
	}
}

// Texts that try to break out of their quotes, or into Graphviz's escape
// sequences, stay texts.
func TestDOTQuotesHostileTexts(t *testing.T) {
	d := tinyDataset()
	hostile := "x\"]; \"evil\" -> \"pact\" [label=\"\\N\\\\\" } digraph {\r\n\x00"
	d.Entities[0].Labels = store.Texts{{Lang: "en", Text: hostile}}
	g := parseDOT(t, encode(t, DOT, d))
	if len(g.nodes) != 3 || len(g.edges) != 2 {
		t.Fatalf("a label changed the graph: %d nodes, %d edges", len(g.nodes), len(g.edges))
	}
	want := strings.NewReplacer("\r", "", "\x00", "").Replace(hostile)
	if got := g.nodes["pact"]["label"]; got != want {
		t.Errorf("label = %q, want %q", got, want)
	}
}

func TestDOTHoldsTheSeed(t *testing.T) {
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	g := parseDOT(t, encode(t, DOT, d))
	if len(g.nodes) != len(d.Entities) || len(g.edges) != len(d.Relations) {
		t.Fatalf("%d nodes and %d edges, want %d and %d", len(g.nodes), len(g.edges), len(d.Entities), len(d.Relations))
	}
	for _, e := range d.Entities {
		n := g.nodes[e.ID]
		if n == nil || n["label"] != e.Labels.Pick("en") {
			t.Errorf("node %s = %q", e.ID, n)
			continue
		}
		for _, l := range e.Labels {
			if n["label_"+l.Lang] != l.Text {
				t.Errorf("node %s: label_%s = %q, want %q", e.ID, l.Lang, n["label_"+l.Lang], l.Text)
			}
		}
	}
	for i, r := range d.Relations {
		if e := g.edges[i]; e.from != r.FromID || e.to != r.ToID || e.attrs["id"] != r.ID || e.attrs["type"] != r.Type {
			t.Errorf("edge %d = %+v, want relation %s", i, e, r.ID)
		}
	}
}
