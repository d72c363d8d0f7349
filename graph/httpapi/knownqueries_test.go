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
)

// knownQuery is a query a client of the service sends, with its variables.
type knownQuery struct {
	where string
	query string
	// operationName picks the operation of a document that holds several.
	operationName string
	vars          map[string]any
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

// playgroundQueries are the playground's example tabs: the example
// operations of docs/examples.
func playgroundQueries(t *testing.T) []knownQuery {
	paths, err := filepath.Glob("../../docs/examples/*.graphql")
	if err != nil {
		t.Fatal(err)
	}
	var out []knownQuery
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, knownQuery{where: "playground tab " + filepath.Base(path), query: string(raw)})
	}
	return out
}

// explorerQueries are the explorer's operations: the one document it
// sends, each time with one operation's name, with variables for the seed.
func explorerQueries(t *testing.T) []knownQuery {
	raw, err := os.ReadFile("../../web/src/explorer/operations.graphql")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]any{"lang": "ar", "at": "1955", "from": "croatia", "to": "russian-federation", "id": "soviet-union", "entity": "soviet-union", "text": "Croatia", "depth": 2}
	changes := map[string]any{"from": "1948", "to": "1955"}
	var out []knownQuery
	for _, m := range regexp.MustCompile(`(?m)^query (\w+)(\([^)]*\))?`).FindAllStringSubmatch(string(raw), -1) {
		used := map[string]any{}
		for _, v := range regexp.MustCompile(`\$(\w+):`).FindAllStringSubmatch(m[2], -1) {
			used[v[1]] = vars[v[1]]
			if c, ok := changes[v[1]]; ok && m[1] == "Changes" {
				used[v[1]] = c
			}
		}
		out = append(out, knownQuery{where: "explorer " + m[1], query: string(raw), operationName: m[1], vars: used})
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
	if len(all) < 20 {
		t.Fatalf("found %d queries, fewer than the README, playground and explorer hold", len(all))
	}
	for _, q := range all {
		t.Run(q.where, func(t *testing.T) {
			r := queryOperation(t, srv, q.query, q.operationName, q.vars)
			for _, e := range r.Errors {
				if code := e.Extensions["code"]; code != "INVALID" && code != "NOT_FOUND" {
					t.Errorf("%s: %s (%v)\n%s", q.where, e.Message, code, q.query)
				}
			}
			if len(r.Errors) == 0 && (len(r.Data) == 0 || string(r.Data) == "null") {
				t.Errorf("%s: no data", q.where)
			}
		})
	}
}

// queryOperation POSTs one operation of a document and decodes the response.
func queryOperation(t *testing.T, srv *httptest.Server, doc, operationName string, vars map[string]any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": doc, "operationName": operationName, "variables": vars})
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
