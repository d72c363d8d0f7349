package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
)

// kg runs the program in-process as `kgraph args...` with the environment
// env, and returns what it wrote to standard output and its error.
func kg(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	stdout, _, err := kgStreams(t, env, args...)
	return stdout, err
}

// kgStreams is kg that also returns what the program wrote to standard
// error.
func kgStreams(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return kgStdin(t, env, "", args...)
}

// kgStdin is kgStreams with stdin as the standard input.
func kgStdin(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = Run(context.Background(), &Env{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut}, append([]string{"kgraph"}, args...))
	return out.String(), errOut.String(), err
}

// repoFile reads a file of the repository, two levels up.
func repoFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustKG is kg for commands that must succeed.
func mustKG(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, err := kg(t, env, args...)
	if err != nil {
		t.Fatalf("kgraph %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// embeddedEnv is an environment with a fresh embedded data file.
func embeddedEnv(t *testing.T) map[string]string {
	return map[string]string{"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db")}
}

// writeDataset writes a dataset file into a temporary directory.
func writeDataset(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// exampleDataset is the example of README.md, so that the
// documentation cannot drift from what the program accepts.
func exampleDataset(t *testing.T) string {
	t.Helper()
	doc := repoFile(t, "README.md")
	m := regexp.MustCompile("(?s)<!-- example-dataset[^>]*-->\n```json\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("README.md has no example-dataset block")
	}
	return string(m[1])
}

// withStore opens the embedded data file of env, calls fn and closes it,
// so that the next command can open it.
func withStore(t *testing.T, env map[string]string, fn func(s store.Store)) {
	t.Helper()
	s, err := memstore.Open(env["KG_DATA_FILE"])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

// queryGraphQL answers a GraphQL query from the embedded data file of env,
// through the API the server serves.
func queryGraphQL(t *testing.T, env map[string]string, query string) string {
	t.Helper()
	var data string
	withStore(t, env, func(s store.Store) {
		srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		defer srv.Close()
		body, _ := json.Marshal(map[string]string{"query": query})
		resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Data   json.RawMessage `json:"data"`
			Errors []any           `json:"errors"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
			t.Fatalf("query: %v %v", err, out.Errors)
		}
		data = string(out.Data)
	})
	return data
}

// TestExampleDataset follows the documentation's example from end to end:
// it validates, imports, is served over GraphQL and exports to GraphML.
func TestExampleDataset(t *testing.T) {
	env := embeddedEnv(t)
	file := writeDataset(t, "example.json", exampleDataset(t))

	out := mustKG(t, env, "validate", file)
	if want := file + " is valid: 2 entity kinds, 1 relation type, 1 source, 2 entities, 1 relation\n"; out != want {
		t.Fatalf("validate printed %q, want %q", out, want)
	}

	out = mustKG(t, env, "import", file)
	if !strings.HasSuffix(out, "imported "+file+": 7 created, 0 updated, 0 unchanged (7 elements in 3 batches)\n") {
		t.Fatalf("import printed:\n%s", out)
	}

	got := queryGraphQL(t, env, `{
		entity(id: "brankos-bridge") { name(lang: "sr") kind start }
		relations(types: ["LOCATED_IN"]) { nodes { id from { id } to { name } } }
	}`)
	want := `{"entity":{"name":"Бранков мост","kind":"bridge","start":"1956"},"relations":{"nodes":[{"id":"brankos-bridge-located-in-belgrade","from":{"id":"brankos-bridge"},"to":{"name":"Belgrade"}}]}}`
	if got != want {
		t.Fatalf("GraphQL answered\n%s\nwant\n%s", got, want)
	}

	out = mustKG(t, env, "export", "--format", "graphml")
	var g struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("export is not XML: %v\n%s", err, out)
	}
	if len(g.Nodes) != 2 || g.Nodes[0].ID != "belgrade" || g.Nodes[1].ID != "brankos-bridge" ||
		len(g.Edges) != 1 || g.Edges[0].Source != "brankos-bridge" || g.Edges[0].Target != "belgrade" {
		t.Fatalf("GraphML has nodes %+v and edges %+v", g.Nodes, g.Edges)
	}
}

// TestValidateReportsEachRule checks that every rule's problem names the
// file, the line, the element and the field, and that the exit status is 1.
func TestValidateReportsEachRule(t *testing.T) {
	example := exampleDataset(t)
	tests := []struct {
		rule     string
		from, to string
		want     string // the problem, after "FILE:LINE: "
		line     string // text on the line it must name
	}{
		{"dangling id", `"to": "belgrade"`, `"to": "belgarde"`,
			`relations[0] (id "brankos-bridge-located-in-belgrade") field "to": no entity has the id "belgarde"`, `"belgarde"`},
		{"unknown kind", `"kind": "bridge"`, `"kind": "brige"`,
			`entities[1] (id "brankos-bridge") field "kind": unknown entity kind "brige"; valid kinds: bridge, city`, `"brige"`},
		{"unknown type", `"type": "LOCATED_IN"`, `"type": "LOCATED_AT"`,
			`relations[0] (id "brankos-bridge-located-in-belgrade") field "type": unknown relation type "LOCATED_AT"; valid types: LOCATED_IN`, `"LOCATED_AT"`},
		{"bad date", `"start": "1956",` + "\n      \"sources\"", `"start": "1956-00",` + "\n      \"sources\"",
			`entities[1] (id "brankos-bridge") field "start": got "1956-00", want a date: YYYY, YYYY-MM or YYYY-MM-DD`, `"1956-00"`},
		{"date that does not exist", `"start": "1956",` + "\n      \"sources\"", `"start": "1955-02-29",` + "\n      \"sources\"",
			`entities[1] (id "brankos-bridge") field "start": invalid date "1955-02-29": 1955-02 has no day 29`, `"1955-02-29"`},
		{"inverted dates", `"start": "1956",` + "\n      \"descriptions\"", `"start": "1956", "end": "1941",` + "\n      \"descriptions\"",
			`relations[0] (id "brankos-bridge-located-in-belgrade") field "end": ends (1941) before it starts (1956)`, `"end": "1941"`},
		{"duplicate id", `"entityKinds": [`, `"entityKinds": [` + "\n      { \"id\": \"city\", \"labels\": { \"en\": \"Town\" } },",
			`entityKinds[2] (id "city") field "id": the id "city" is used twice (first in the element on line 5)`, `"id": "city",` + "\n        \"labels\": { \"en\": \"City\""},
		{"missing required field", `"title": "A Guide to Belgrade",`, ``,
			`sources[0] (id "city-guide") field "title": required, but missing`, "{\n      \"id\": \"city-guide\""},
		{"unknown field", `"kind": "guide book",`, `"kind": "guide book", "pages": 200,`,
			`sources[0] (id "city-guide") field "pages": unknown field; the fields are descriptions, id, kind, language, title`, `"pages"`},
		{"language given twice", `"labels": { "en": "Belgrade", "sr": "Београд" }`, `"labels": { "en": "Belgrade", "en": "Beograd" }`,
			`entities[0] (id "belgrade") field "labels.en": given twice in one object; give each key once`, `"Beograd"`},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if !strings.Contains(example, tt.from) {
				t.Fatalf("%q is not in the example", tt.from)
			}
			content := strings.Replace(example, tt.from, tt.to, 1)
			file := writeDataset(t, "bad.json", content)
			out, err := kg(t, nil, "validate", file)
			var ie interface{ Error() string }
			if err == nil || ExitCode(err) != 1 || !errors.As(err, &ie) {
				t.Fatalf("validate returned %v (exit %d), want a failure with exit 1\n%s", err, ExitCode(err), out)
			}
			line := 1 + strings.Count(content[:strings.Index(content, tt.line)], "\n")
			want := fmt.Sprintf("%s:%d: %s\n", file, line, tt.want)
			if out != want {
				t.Fatalf("validate printed\n%s\nwant\n%s", out, want)
			}
			if err.Error() != file+": 1 problem" {
				t.Fatalf("error = %q", err)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"validate", "import", "export"} {
		for _, flag := range []string{"--help", "-h"} {
			out, err := kg(t, nil, cmd, flag)
			if err != nil || !strings.HasPrefix(out, "Usage: kgraph "+cmd) || !strings.Contains(out, "\nExamples:\n  kgraph "+cmd) || !strings.Contains(out, "\nFlags:\n") {
				t.Errorf("kgraph %s %s = %v:\n%s", cmd, flag, err, out)
			}
		}
	}
}

func TestUsageMistakes(t *testing.T) {
	file := writeDataset(t, "example.json", exampleDataset(t))
	for _, tt := range []struct {
		args []string
		want string // what the message on stderr says
	}{
		{[]string{"validate"}, "kgraph validate: give the dataset file to check"},
		{[]string{"import"}, "kgraph import: give one dataset file to import"},
		{[]string{"import", file, file}, "kgraph import: give one dataset file to import"},
		{[]string{"import", "--batch", "0", file}, "kgraph import: -batch must be at least 1, got 0"},
		{[]string{"import", "--nope", file}, "flag provided but not defined: -nope"},
		{[]string{"export", "--format", "pdf"}, `kgraph export: -format must be one of`},
		{[]string{"export", "--at", "1955-13"}, "kgraph export: "},
		{[]string{"export", "--depth", "2"}, "kgraph export: "},
		{[]string{"export", "extra"}, "kgraph export: unexpected arguments: extra"},
	} {
		stdout, stderr, err := kgStreams(t, embeddedEnv(t), tt.args...)
		if ExitCode(err) != 2 {
			t.Errorf("kgraph %s: %v (exit %d), want exit 2", strings.Join(tt.args, " "), err, ExitCode(err))
		}
		help := "Run 'kgraph " + tt.args[0] + " --help' for usage.\n"
		if !strings.Contains(stderr, tt.want) || !strings.HasSuffix(stderr, help) || stdout != "" {
			t.Errorf("kgraph %s wrote stdout %q, stderr %q; want %q and %q on stderr only", strings.Join(tt.args, " "), stdout, stderr, tt.want, help)
		}
	}
}
