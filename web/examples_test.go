package web_test

// One set of example operations, docs/examples/*.graphql: the README shows
// each, with its answer, and the playground opens each as a tab. This test
// keeps the README's blocks equal to the files and runs each against the
// seeded graph, so that every answer the README shows is the one given.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"kgraph/graph/live/livetest"
)

// exampleFiles reads docs/examples/*.graphql, in name order.
func exampleFiles(t *testing.T) (names []string, texts map[string]string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "docs", "examples", "*.graphql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example operations in docs/examples: %v", err)
	}
	texts = map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
		texts[filepath.Base(p)] = string(b)
	}
	return names, texts
}

// operationName is the name of the example's operation.
var operationName = regexp.MustCompile(`(?m)^(?:query|mutation|subscription)\s+(\w+)`)

// readmeExamples returns the README's example blocks: each GraphQL
// operation with the JSON answer shown under it.
func readmeExamples(t *testing.T) [][2]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "## Example queries")
	end := strings.Index(doc[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal(`README.md has no "## Example queries" section`)
	}
	var out [][2]string
	for _, m := range regexp.MustCompile("(?s)```graphql\n(.*?)```\n```json\n(.*?)```").FindAllStringSubmatch(doc[start:start+1+end], -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	return out
}

func TestReadmeExamplesAreTheExampleFiles(t *testing.T) {
	names, files := exampleFiles(t)
	blocks := readmeExamples(t)
	if len(blocks) != len(names) {
		t.Errorf("the README shows %d examples, docs/examples holds %d", len(blocks), len(names))
	}
	for i, name := range names {
		if i >= len(blocks) {
			t.Errorf("%s is not in the README", name)
			continue
		}
		if blocks[i][0] != files[name] {
			t.Errorf("the README's example %d is not %s:\nREADME:\n%s\nfile:\n%s", i+1, name, blocks[i][0], files[name])
		}
	}
}

// TestReadmeExamplesGiveTheAnswersShown runs the examples in order on one
// server over the seed. A mutation is sent with an editor's API key. A
// subscription is opened over server-sent events, and its answer is the
// first event it gets, which the examples after it cause.
func TestReadmeExamplesGiveTheAnswersShown(t *testing.T) {
	srv := examplesServer(t)
	var pending []func()
	for _, ex := range readmeExamples(t) {
		name := operationName.FindStringSubmatch(ex[0])
		if name == nil {
			t.Errorf("an example has no operation name:\n%s", ex[0])
			continue
		}
		switch {
		case strings.HasPrefix(name[0], "subscription"):
			events := subscribe(t, srv, ex[0])
			pending = append(pending, func() {
				t.Run(name[1], func(t *testing.T) { compareAnswer(t, livetest.Next(t, events), ex[1]) })
			})
		default:
			t.Run(name[1], func(t *testing.T) {
				body, _ := json.Marshal(map[string]string{"query": ex[0]})
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if strings.HasPrefix(name[0], "mutation") {
					req.Header.Set("Authorization", "Bearer "+examplesEditorKey)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				got, err := io.ReadAll(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				compareAnswer(t, got, ex[1])
			})
		}
	}
	for _, check := range pending {
		check()
	}
}

// compareAnswer compares an answer with the one the README shows.
func compareAnswer(t *testing.T, answer []byte, shown string) {
	t.Helper()
	var got, want map[string]any
	if err := json.Unmarshal(answer, &got); err != nil {
		t.Fatalf("the answer is not JSON: %v: %s", err, answer)
	}
	if err := json.Unmarshal([]byte(shown), &want); err != nil {
		t.Fatalf("the README's answer is not JSON: %v", err)
	}
	if errs, ok := want["errors"].([]any); ok {
		// An error's message is shortened in the README (…): its code must match.
		gotErrs, _ := got["errors"].([]any)
		if len(gotErrs) != len(errs) || code(gotErrs[0]) != code(errs[0]) {
			t.Errorf("errors: got %v, the README shows %v", got["errors"], errs)
		}
		return
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Errorf("the answer differs from the README's:\ngot    %s\nREADME %s", g, strings.Join(strings.Fields(shown), " "))
	}
}

func code(e any) any {
	m, _ := e.(map[string]any)
	ext, _ := m["extensions"].(map[string]any)
	return ext["code"]
}
