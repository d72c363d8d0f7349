package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
)

// knownQuery is a query a client of the service sends, with its variables
// and, for a document of several operations, the one to run.
type knownQuery struct {
	where     string
	query     string
	operation string
	vars      map[string]any
}

// readmeQueries are the README's GraphQL examples.
func readmeQueries(t *testing.T) []knownQuery {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []knownQuery
	for i, m := range regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(raw), -1) {
		out = append(out, knownQuery{where: fmt.Sprintf("README example %d", i+1), query: m[1]})
	}
	return out
}

// playgroundQueries are the playground's example tabs: the files of
// docs/examples.
func playgroundQueries(t *testing.T) []knownQuery {
	files, err := filepath.Glob("../../docs/examples/*.graphql")
	if err != nil {
		t.Fatal(err)
	}
	var out []knownQuery
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, knownQuery{where: "playground tab " + filepath.Base(f), query: string(raw)})
	}
	return out
}

// explorerVars are values for the explorer's variables, on the seed.
var explorerVars = map[string]any{
	"lang": "ar", "at": "1955", "from": "croatia", "to": "russian-federation", "id": "soviet-union",
	"entity": "soviet-union", "text": "Croatia", "depth": store.MaxNeighborhoodDepth,
}

// explorerQueries are the operations of the explorer's document, each sent
// as the explorer sends it: the whole document with an operation name.
func explorerQueries(t *testing.T) []knownQuery {
	raw, err := os.ReadFile("../../web/src/explorer/operations.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	var out []knownQuery
	for _, m := range regexp.MustCompile(`(?m)^query (\w+)(?:\(([^)]*)\))?`).FindAllStringSubmatch(doc, -1) {
		q := knownQuery{where: "explorer " + m[1], query: doc, operation: m[1], vars: map[string]any{}}
		for _, v := range regexp.MustCompile(`\$(\w+):`).FindAllStringSubmatch(m[2], -1) {
			switch {
			case v[1] == "from" && m[1] == "Changes":
				q.vars[v[1]] = "1948"
			case v[1] == "to" && m[1] == "Changes":
				q.vars[v[1]] = "1955"
			default:
				q.vars[v[1]] = explorerVars[v[1]]
			}
		}
		out = append(out, q)
	}
	return out
}

// queryOperation is query for one operation of a document.
func queryOperation(t *testing.T, srv *httptest.Server, q knownQuery) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q.query, "operationName": q.operation, "variables": q.vars})
	resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("status %d, undecodable body: %v", resp.StatusCode, err)
	}
	return out
}

// TestKnownQueriesRunWithinTheLimits runs every query the explorer, the
// playground and the README send through the handler with the default
// limits: none may be refused by a limit. Store errors the README shows
// on purpose (an unknown relation type) are allowed.
func TestKnownQueriesRunWithinTheLimits(t *testing.T) {
	srv := newLimitedServer(t, httpapi.DefaultLimits())
	var all []knownQuery
	for _, list := range [][]knownQuery{readmeQueries(t), playgroundQueries(t), explorerQueries(t)} {
		if len(list) == 0 {
			t.Fatal("no queries found: has the file moved?")
		}
		all = append(all, list...)
	}
	if len(all) < 25 {
		t.Fatalf("found %d queries, fewer than the README, playground and explorer hold", len(all))
	}
	for _, q := range all {
		t.Run(q.where, func(t *testing.T) {
			r := queryOperation(t, srv, q)
			for _, e := range r.Errors {
				code := e.Extensions["code"]
				// The examples' write needs a token, and their subscription a
				// stream rather than a plain POST: they got past the limits to
				// be refused for that.
				if code == "UNAUTHENTICATED" && strings.Contains(q.query, "\nmutation ") ||
					code == "BAD_REQUEST" && strings.Contains(q.query, "\nsubscription ") {
					continue
				}
				if code != "INVALID" && code != "NOT_FOUND" {
					t.Errorf("%s: %s (%v)\n%s", q.where, e.Message, code, q.query)
				}
			}
			if len(r.Errors) == 0 && (len(r.Data) == 0 || string(r.Data) == "null") {
				t.Errorf("%s: no data", q.where)
			}
		})
	}
}

// introspectionQuery is what GraphiQL, the playground, sends to draw its
// docs: graphql-js's getIntrospectionQuery, its type references nested
// nine deep.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
}`

func TestThePlaygroundCanIntrospect(t *testing.T) {
	srv := newLimitedServer(t, httpapi.DefaultLimits())
	r := query(t, srv, introspectionQuery, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"Entity"`) {
		t.Fatalf("introspection: %+v", r.Errors)
	}
}
