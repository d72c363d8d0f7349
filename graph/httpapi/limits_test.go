package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"

	"kgraph/graph/httpapi"
)

// newLimitedServer is the real handler over the seed with these limits.
func newLimitedServer(t *testing.T, l httpapi.Limits) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: l}))
	t.Cleanup(srv.Close)
	return srv
}

// post sends a raw body to /graphql and returns the status and the decoded response.
func post(t *testing.T, srv *httptest.Server, body string) (int, gqlResponse) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, _, out := send(t, req)
	return resp.StatusCode, out
}

// send sends a request that must be answered with a GraphQL response, and
// returns the response, its body and the body decoded.
func send(t *testing.T, req *http.Request) (*http.Response, []byte, gqlResponse) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("status %d, undecodable body %.300s", resp.StatusCode, raw)
	}
	return resp, raw, out
}

func postQuery(t *testing.T, srv *httptest.Server, q string) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	return post(t, srv, string(body))
}

func codeOf(r gqlResponse) any {
	if len(r.Errors) == 0 {
		return nil
	}
	return r.Errors[0].Extensions["code"]
}

// nested is entity -> neighbors -> neighbors ... levels deep.
func nested(levels int) string {
	return `{ entity(id: "croatia") { ` + strings.Repeat("neighbors { ", levels) + "id" + strings.Repeat(" }", levels) + " } }"
}

// aliasedPaths is n aliased shortestPath fields.
func aliasedPaths(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, ` p%d: shortestPath(from: "croatia", to: "russian-federation") { length }`, i)
	}
	return b.String() + " }"
}

// attacks are the requests that once tied the server up or crashed it,
// with the code each is refused with now.
var attacks = []struct {
	name, query, code string
}{
	{"15 levels of neighbors", nested(15), "QUERY_TOO_DEEP"},
	{"100,000 repeated fields", `{ entity(id: "croatia") {` + strings.Repeat(" id", 100000) + " } }", "QUERY_TOO_LARGE"},
	{"10,000 repeated fields, under the byte limit", `{ entity(id: "croatia") {` + strings.Repeat(" id", 10000) + " } }", "QUERY_TOO_LARGE"},
	{"2,000 aliased shortest paths", aliasedPaths(2000), "QUERY_TOO_LARGE"},
	{"200 aliased shortest paths", aliasedPaths(200), "TOO_MANY_ROOT_FIELDS"},
	{"5,000 @include directives", `{ entity(id: "croatia") {` + strings.Repeat(` id @include(if: true)`, 5000) + " } }", "QUERY_TOO_LARGE"},
	{"500 @include directives", `{ entity(id: "croatia") {` + strings.Repeat(` id @include(if: true)`, 500) + " } }", "TOO_MANY_DIRECTIVES"},
	{"huge Int literal", `{ relations(at: 111111111111111111111111) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
	{"huge page size", `{ entities(first: 9223372036854775807) { nodes { relations(first: 9223372036854775807) { totalCount } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
}

// TestAttacksAreRefused sends each attack and checks that it is refused,
// with a 4xx and its code, before any work, and that the server answers a
// normal query afterwards. BenchmarkRefusals times the refusals.
func TestAttacksAreRefused(t *testing.T) {
	srv := newServer(t)
	tests := attacks
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			status, r := postQuery(t, srv, tt.query)
			elapsed := time.Since(start)
			if status < 400 || status >= 500 || codeOf(r) != tt.code {
				t.Fatalf("status %d, code %v (%+v), want a 4xx with %s", status, codeOf(r), r.Errors, tt.code)
			}
			if r.Data != nil && string(r.Data) != "null" {
				t.Fatalf("refused query ran: %s", r.Data)
			}
			// A generous bound: refusing takes milliseconds, running took minutes.
			if elapsed > 2*time.Second {
				t.Errorf("refused after %v", elapsed)
			}
		})
	}
	var v struct{ Entity struct{ ID string } }
	data(t, srv, `{ entity(id: "croatia") { id } }`, nil, &v)
	if v.Entity.ID != "croatia" {
		t.Fatalf("after the attacks: %+v", v)
	}
}

// tokens counts the lexical tokens of a query as the parser does.
func tokens(t *testing.T, q string) int {
	t.Helper()
	lx := lexer.New(&ast.Source{Input: q})
	n := 0
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			t.Fatal(err)
		}
		if tok.Kind == lexer.EOF {
			return n
		}
		n++
	}
}

// TestLimitsHoldAtTheirValue checks every document limit with a query at
// the limit, which runs, and one just past it, which is refused with the
// limit's code.
func TestLimitsHoldAtTheirValue(t *testing.T) {
	ids := func(n int) string { return `{ entity(id: "croatia") {` + strings.Repeat(" id", n) + " } }" }
	aliases := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, " a%d: id", i)
		}
		return `{ entity(id: "croatia") {` + b.String() + " } }"
	}
	roots := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, ` e%d: entity(id: "croatia") { id }`, i)
		}
		return "{" + b.String() + " }"
	}
	directives := func(fields, each int) string {
		return `{ entity(id: "croatia") {` + strings.Repeat(" id"+strings.Repeat(" @include(if: true)", each), fields) + " } }"
	}
	// entity relations nodes from, relations nodes from, relations nodes id: 10 levels.
	deep10 := `{ entity(id: "croatia") { relations(first: 1) { nodes { from { relations(first: 1) { nodes { from { relations(first: 1) { nodes { id } } } } } } } } } }`
	deep11 := strings.Replace(deep10, "nodes { id }", "nodes { from { id } }", 1)
	const small = `{ entities(first: 10) { nodes { id } } }` // cost 1 + 10 * (1 + 1)
	d := httpapi.DefaultLimits()
	tests := []struct {
		name       string
		limits     httpapi.Limits
		at, past   string
		code       string
		pastIsLast bool
	}{
		{"depth", d, deep10, deep11, "QUERY_TOO_DEEP", false},
		{"fields", d, ids(d.MaxFields - 1), ids(d.MaxFields), "TOO_MANY_FIELDS", false},
		{"aliases", d, aliases(d.MaxAliases), aliases(d.MaxAliases + 1), "TOO_MANY_ALIASES", false},
		{"root fields", httpapi.Limits{MaxAliases: 1000}, roots(d.MaxRootFields), roots(d.MaxRootFields + 1), "TOO_MANY_ROOT_FIELDS", false},
		{"directives per location", httpapi.Limits{MaxDirectivesPerLocation: 1}, directives(1, 1), directives(1, 2), "TOO_MANY_DIRECTIVES", false},
		{"directives in all", d, directives(d.MaxDirectives, 1), directives(d.MaxDirectives+1, 1), "TOO_MANY_DIRECTIVES", false},
		{"query bytes", httpapi.Limits{MaxQueryBytes: len(ids(100))}, ids(100), ids(100) + " ", "QUERY_TOO_LARGE", false},
		{"tokens", httpapi.Limits{MaxTokens: tokens(t, ids(100))}, ids(100), ids(101), "QUERY_TOO_LARGE", false},
		{"complexity", httpapi.Limits{MaxComplexity: 21}, small, strings.Replace(small, "10", "11", 1), "COMPLEXITY_LIMIT_EXCEEDED", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newLimitedServer(t, tt.limits)
			if status, r := postQuery(t, srv, tt.at); status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("at the limit: status %d, errors %+v", status, r.Errors)
			}
			if status, r := postQuery(t, srv, tt.past); status < 400 || status >= 500 || codeOf(r) != tt.code {
				t.Fatalf("past the limit: status %d, code %v (%+v), want 4xx %s", status, codeOf(r), r.Errors, tt.code)
			}
		})
	}
}

// TestCostCannotOverflow nests lists deeper than any limit would allow,
// with the depth limit lifted: the cost saturates and the query is refused
// on complexity, where wrapped arithmetic would have scored it small.
func TestCostCannotOverflow(t *testing.T) {
	srv := newLimitedServer(t, httpapi.Limits{MaxDepth: 1000, MaxTokens: 100000, MaxQueryBytes: 1 << 20})
	for _, levels := range []int{5, 15, 40, 200} {
		status, r := postQuery(t, srv, nested(levels))
		if status < 400 || codeOf(r) != "COMPLEXITY_LIMIT_EXCEEDED" {
			t.Errorf("%d levels of neighbors: status %d, %+v", levels, status, r.Errors)
		}
	}
}

func TestBatching(t *testing.T) {
	one := `{"query":"{ entity(id: \"croatia\") { id } }"}`
	batch := func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat(one+",", n), ",") + "]" }

	off := newServer(t)
	if status, r := post(t, off, batch(2)); status != http.StatusBadRequest || codeOf(r) != "BATCHING_DISABLED" {
		t.Fatalf("batch with batching off: status %d, %+v", status, r.Errors)
	}

	on := newLimitedServer(t, httpapi.Limits{Batching: true, MaxBatch: 2})
	resp, err := http.Post(on.URL+"/graphql", "application/json", strings.NewReader(batch(2)))
	if err != nil {
		t.Fatal(err)
	}
	var answers []gqlResponse
	err = json.NewDecoder(resp.Body).Decode(&answers)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || len(answers) != 2 || !bytes.Contains(answers[1].Data, []byte("croatia")) {
		t.Fatalf("batch of 2 at a limit of 2: status %d, %v, %+v", resp.StatusCode, err, answers)
	}
	if status, r := post(t, on, batch(3)); status != http.StatusBadRequest || codeOf(r) != "BATCH_TOO_LARGE" {
		t.Fatalf("batch of 3 at a limit of 2: status %d, %+v", status, r.Errors)
	}
}

func TestIntrospectionCanBeTurnedOff(t *testing.T) {
	const introspect = `{ __schema { queryType { name } } }`
	const misspelt = `{ entiti(id: "croatia") { id } }`
	on := newServer(t)
	if status, r := postQuery(t, on, introspect); status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("introspection on by default: %d %+v", status, r.Errors)
	}
	if _, r := postQuery(t, on, misspelt); len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "entity") {
		t.Fatalf("suggestion with introspection on: %+v", r.Errors)
	}
	off := newLimitedServer(t, httpapi.Limits{DisableIntrospection: true})
	if _, r := postQuery(t, off, introspect); len(r.Errors) == 0 {
		t.Fatalf("introspection answered while off")
	}
	if _, r := postQuery(t, off, misspelt); len(r.Errors) == 0 || strings.Contains(r.Errors[0].Message, "entity") {
		t.Fatalf("suggestion with introspection off: %+v", r.Errors)
	}
}
