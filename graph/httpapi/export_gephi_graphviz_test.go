package httpapi_test

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"
)

// The GEXF and DOT exports take the same filters as the others: the same
// query selects the same nodes and edges in every format.
func TestExportGEXFAndDOTSelectLikeTheOthers(t *testing.T) {
	srv := startExportServer(t, nil)
	const query = "?root=soviet-union&at=1955"
	want := getCytoscape(t, srv, query)
	wantNodes, wantEdges := want.nodeIDs(), want.edgeIDs()
	slices.Sort(wantNodes)
	slices.Sort(wantEdges)

	t.Run("gexf", func(t *testing.T) {
		body := download(t, srv, "/export/graph.gexf"+query, "application/gexf+xml", "graph-soviet-union-1955.gexf")
		var doc struct {
			Graph struct {
				Mode  string `xml:"mode,attr"`
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"nodes>node"`
				Edges []struct {
					ID    string `xml:"id,attr"`
					Start string `xml:"start,attr"`
				} `xml:"edges>edge"`
			} `xml:"graph"`
		}
		dec := xml.NewDecoder(bytes.NewReader(body))
		dec.Strict = true
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		var nodes, edges []string
		for _, n := range doc.Graph.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, e := range doc.Graph.Edges {
			edges = append(edges, e.ID)
		}
		if doc.Graph.Mode != "dynamic" || !slices.Equal(nodes, wantNodes) || !slices.Equal(edges, wantEdges) {
			t.Errorf("mode %q, nodes %v, edges %v; want dynamic, %v, %v", doc.Graph.Mode, nodes, edges, wantNodes, wantEdges)
		}
	})

	t.Run("dot", func(t *testing.T) {
		body := download(t, srv, "/export/graph.dot"+query, "text/vnd.graphviz; charset=utf-8", "graph-soviet-union-1955.dot")
		f, err := dot.ParseBytes(body)
		if err != nil {
			t.Fatalf("not DOT: %v", err)
		}
		var nodes, edges []string
		for _, st := range f.Graphs[0].Stmts {
			switch st := st.(type) {
			case *ast.NodeStmt:
				nodes = append(nodes, strings.Trim(st.Node.ID, `"`))
			case *ast.EdgeStmt:
				for _, a := range st.Attrs {
					if a.Key == `"id"` {
						edges = append(edges, strings.Trim(a.Val, `"`))
					}
				}
			}
		}
		if !slices.Equal(nodes, wantNodes) || !slices.Equal(edges, wantEdges) {
			t.Errorf("nodes %v, edges %v; want %v, %v", nodes, edges, wantNodes, wantEdges)
		}
	})
}

// download GETs path, which must answer 200 with the content type and a
// download of the file name, and returns the body.
func download(t *testing.T, srv *httptest.Server, path, contentType, fileName string) []byte {
	t.Helper()
	resp, body := get(t, srv, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("GET %s: Content-Type = %q, want %q", path, got, contentType)
	}
	if got, want := resp.Header.Get("Content-Disposition"), `attachment; filename="`+fileName+`"`; got != want {
		t.Errorf("GET %s: Content-Disposition = %q, want %q", path, got, want)
	}
	return body
}
