package httpapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// clientsDir holds the npm project that uses the API as frontend apps do,
// with Relay's runtime, Apollo Client and urql (scripts/test.sh installs it
// from its lock file).
const clientsDir = "testdata/clients"

// TestClientLibraries runs the client libraries' tests (node --test) against
// a real server over a seeded store. The server has one route more than
// the service: POST /test/rename changes an entity's English name through
// Store.Apply, so the tests can see a refetch bring the change. Outside CI
// it skips when Node.js or the project's packages are missing; in CI that
// is a failure.
func TestClientLibraries(t *testing.T) {
	_, errNode := exec.LookPath("npm")
	_, errModules := os.Stat(filepath.Join(clientsDir, "node_modules", "relay-runtime"))
	// The typed client's documents, in web/, import a type from web's packages.
	_, errWeb := os.Stat(filepath.Join("..", "..", "web", "node_modules", "@graphql-typed-document-node"))
	if errNode != nil || errModules != nil || errWeb != nil {
		msg := "the client libraries are not installed: run `npm ci` in graph/httpapi/" + clientsDir + " and in web (scripts/test.sh does), with Node.js on PATH"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s := memstoretest.Seeded(t)
	mux := http.NewServeMux()
	mux.Handle("/", httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	mux.HandleFunc("POST /test/rename", func(w http.ResponseWriter, r *http.Request) {
		var req struct{ ID, Name string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		es, err := s.Entities(r.Context(), []string{req.ID})
		if err != nil || es[0] == nil {
			http.Error(w, "no such entity", http.StatusNotFound)
			return
		}
		e := *es[0]
		labels := store.Texts{{Lang: "en", Text: req.Name}}
		for _, l := range e.Labels {
			if l.Lang != "en" {
				labels = append(labels, l)
			}
		}
		e.Labels = labels
		if _, err := s.Apply(r.Context(), &store.Dataset{Entities: []store.Entity{e}}, store.ApplyOptions{}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cmd := exec.Command("npm", "test", "--silent")
	cmd.Dir = clientsDir
	cmd.Env = append(os.Environ(), "KGRAPH_URL="+srv.URL)
	out, err := cmd.CombinedOutput()
	t.Logf("node --test:\n%s", out)
	if err != nil {
		t.Fatalf("the client libraries' tests failed: %v", err)
	}
}
