package neo4jstore_test

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"kgraph/graph/export"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/neo4jstore"
	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// TestCypherExportLoadsAsTheStore loads the Cypher export of the seed into
// an empty Neo4j, statement by statement as cypher-shell would, then
// points the Neo4j store at it: the store reads back the graph the
// embedded store holds, and exports it as the same script, byte for byte.
func TestCypherExportLoadsAsTheStore(t *testing.T) {
	mem := memstoretest.Seeded(t)
	want, err := mem.Export(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	script := encode(t, export.Cypher, want)

	env := neo4jtest.Reset(t)
	runScript(t, env, script)
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config(env))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Export(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if a, b := encode(t, export.JSON, got), encode(t, export.JSON, want); !bytes.Equal(a, b) {
		t.Fatalf("the Neo4j store reads the loaded script as\n%.600s\nwant\n%.600s", a, b)
	}
	if again := encode(t, export.Cypher, got); !bytes.Equal(again, script) {
		t.Fatal("the Neo4j store's export of the loaded script differs from the script")
	}
	// Nothing to add: the store finds the graph it would have written.
	res, err := s.Apply(t.Context(), want, store.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Updated != 0 {
		t.Fatalf("applying the exported dataset over the loaded script would change %+v", res)
	}
	// And it answers a traversal as the embedded store does.
	q := store.PathQuery{From: "croatia", To: "russian-federation"}
	p, err := s.ShortestPath(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	wantPath, err := mem.ShortestPath(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := string(store.MustJSON(p)), string(store.MustJSON(wantPath)); a != b {
		t.Fatalf("path = %s, want %s", a, b)
	}
}

func encode(t *testing.T, f export.Format, d *store.Dataset) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// runScript runs each statement of a Cypher script (one per line, comments
// aside) in a transaction of its own, as cypher-shell -f does.
func runScript(t *testing.T, env neo4jtest.Env, script []byte) {
	t.Helper()
	lines := bufio.NewScanner(bytes.NewReader(script))
	lines.Buffer(nil, 1<<20)
	n := 0
	for lines.Scan() {
		line := lines.Text()
		if strings.HasPrefix(line, "//") || strings.TrimSpace(line) == "" {
			continue
		}
		stmt, ok := strings.CutSuffix(line, ";")
		if !ok {
			t.Fatalf("a statement that does not end its line: %s", line)
		}
		neo4jtest.Query(t, env, stmt, nil)
		n++
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d statements run", n)
}
