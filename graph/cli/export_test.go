package cli

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
)

// importedExample returns an environment whose store holds the example.
func importedExample(t *testing.T) map[string]string {
	t.Helper()
	env := embeddedEnv(t)
	mustKG(t, env, "import", writeDataset(t, "example.json", exampleDataset(t)))
	return env
}

// exportedIDs exports as JSON with the flags and returns the entity and
// relation ids of the result.
func exportedIDs(t *testing.T, env map[string]string, flags ...string) (entities, relations []string) {
	t.Helper()
	var d store.Dataset
	if err := json.Unmarshal([]byte(mustKG(t, env, append([]string{"export"}, flags...)...)), &d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		entities = append(entities, e.ID)
	}
	for _, r := range d.Relations {
		relations = append(relations, r.ID)
	}
	return entities, relations
}

func TestExportFilters(t *testing.T) {
	env := importedExample(t)
	tests := []struct {
		flags               []string
		entities, relations string
	}{
		{nil, "belgrade brankos-bridge", "brankos-bridge-located-in-belgrade"},
		{[]string{"--types", "LOCATED_IN"}, "belgrade brankos-bridge", "brankos-bridge-located-in-belgrade"},
		{[]string{"--at", "1941"}, "", ""},
		{[]string{"--at", "1960-05"}, "belgrade brankos-bridge", "brankos-bridge-located-in-belgrade"},
		{[]string{"--root", "belgrade", "--depth", "1"}, "belgrade brankos-bridge", "brankos-bridge-located-in-belgrade"},
	}
	for _, tt := range tests {
		e, r := exportedIDs(t, env, tt.flags...)
		if strings.Join(e, " ") != tt.entities || strings.Join(r, " ") != tt.relations {
			t.Errorf("export %v: entities %v, relations %v; want %q, %q", tt.flags, e, r, tt.entities, tt.relations)
		}
	}
}

// TestExportMatchesHTTPExport checks the command gives the bytes the
// server's export gives for the same filter.
func TestExportMatchesHTTPExport(t *testing.T) {
	env := importedExample(t)
	for _, tt := range []struct{ format, path, query string }{
		{"graphml", "/export/graph.graphml", ""},
		{"cytoscape", "/export/graph.json", "root=belgrade&depth=1"},
		{"graphml", "/export/graph.graphml", "types=LOCATED_IN&at=1956"},
	} {
		flags := []string{"export", "--format", tt.format}
		q, _ := url.ParseQuery(tt.query)
		for k, v := range q {
			flags = append(flags, "--"+k, v[0])
		}
		cli := mustKG(t, env, flags...)
		var body []byte
		withStore(t, env, func(s store.Store) {
			srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
			defer srv.Close()
			resp, err := http.Get(srv.URL + tt.path + "?" + tt.query)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ = io.ReadAll(resp.Body)
		})
		if cli != string(body) || !strings.Contains(cli, "brankos-bridge") {
			t.Errorf("kgraph %s gave\n%s\nthe server gave\n%s", strings.Join(flags, " "), cli, body)
		}
	}
}

func TestExportToFile(t *testing.T) {
	env := importedExample(t)
	path := filepath.Join(t.TempDir(), "graph.cypher")
	out := mustKG(t, env, "export", "--format", "cypher", "-o", path)
	if out != "exported 2 entities and 1 relation to "+path+"\n" {
		t.Fatalf("export printed %q", out)
	}
	written, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(written), "MERGE") || !strings.Contains(string(written), "brankos-bridge") {
		t.Fatalf("the file holds %q (%v)", written, err)
	}

	// A failed export leaves the file as it was.
	if _, err := kg(t, env, "export", "--root", "atlantis", "-o", path); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("export of an unknown root: %v", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(written) {
		t.Fatal("a failed export changed the file")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(leftovers) > 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}
}

// TestExportNeedsAnExistingDataFile checks that exporting from an embedded
// data file that does not exist is an error that names the file and says
// how to create it, and that it creates nothing.
func TestExportNeedsAnExistingDataFile(t *testing.T) {
	env := embeddedEnv(t)
	stdout, stderr, err := kgStreams(t, env, "export")
	if ExitCode(err) != 1 || stdout != "" {
		t.Fatalf("export of a missing data file: %v (exit %d), stdout %q", err, ExitCode(err), stdout)
	}
	for _, want := range []string{"kgraph: there is no data file at " + env["KG_DATA_FILE"], "kgraph import FILE", "-data"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
	}
	if _, err := os.Stat(env["KG_DATA_FILE"]); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("export created %s: %v", env["KG_DATA_FILE"], err)
	}
}

// TestValidateNeverCreatesADataFile checks that validate reads no store.
func TestValidateNeverCreatesADataFile(t *testing.T) {
	env := embeddedEnv(t)
	file := writeDataset(t, "example.json", exampleDataset(t))
	if out := mustKG(t, env, "validate", file); !strings.Contains(out, "is valid") {
		t.Fatalf("validate printed %q", out)
	}
	if _, err := os.Stat(env["KG_DATA_FILE"]); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("validate created %s: %v", env["KG_DATA_FILE"], err)
	}
}
