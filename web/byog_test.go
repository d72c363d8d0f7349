package web_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"kgraph/graph/cli"
	"kgraph/graph/dataset"
	"kgraph/graph/store/memstore/memstoretest"
)

// TestBringYourOwnGraph follows the README's "Bring your own graph": a
// user's small dataset (the README's example) is validated and imported
// into an empty store, appears in the explorer, and is exported to GraphML.
func TestBringYourOwnGraph(t *testing.T) {
	requireBrowserSetup(t)
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- example-dataset[^>]*-->\n```json\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no example-dataset block")
	}
	file := filepath.Join(t.TempDir(), "my-graph.json")
	if err := os.WriteFile(file, m[1], 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// Validate, then import into an empty store, as `kgraph validate` and
	// `kgraph import` do.
	if err := cli.Validate(ctx, dataset.File(file), io.Discard); err != nil {
		t.Fatalf("validate: %v", err)
	}
	s := memstoretest.Open(t)
	res, err := cli.Import(ctx, s, dataset.File(file), cli.ImportOptions{}, io.Discard)
	if err != nil || res.Created == 0 {
		t.Fatalf("import: %+v, %v", res, err)
	}

	// The explorer finds it and draws it.
	srv := serve(t, s)
	p := openPageOn(t, srv, "/")
	p.waitReady()
	p.pick(`[data-testid="search"]`, "Belgrade", "belgrade")
	p.waitFor("Belgrade's neighbourhood", drawnJS("brankos-bridge"))
	if !p.hasElement("brankos-bridge-located-in-belgrade") {
		t.Error("the relation between the bridge and the city is not drawn")
	}
	p.screenshot("byog-explorer")

	// And exports it to GraphML.
	resp, err := http.Get(srv.URL + "/export/graph.graphml")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != 2 || len(doc.Graph.Edges) != 1 || doc.Graph.Edges[0].Source != "brankos-bridge" || doc.Graph.Edges[0].Target != "belgrade" {
		t.Fatalf("GraphML of the user's graph: %+v", doc.Graph)
	}
}
