package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
)

// knownQuery is a query a client of the service sends, with its variables.
type knownQuery struct {
	where string
	query string
	vars  map[string]any
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

// playgroundQueries are the playground's example tabs.
func playgroundQueries(t *testing.T) []knownQuery {
	raw, err := os.ReadFile("../../web/src/playground/examples.ts")
	if err != nil {
		t.Fatal(err)
	}
	var out []knownQuery
	re := regexp.MustCompile("(?s)query: `([^`]*)`,(?:\\s*variables: '((?:[^'\\\\]|\\\\.)*)',)?")
	for i, m := range re.FindAllStringSubmatch(string(raw), -1) {
		q := knownQuery{where: fmt.Sprintf("playground tab %d", i+1), query: m[1]}
		if m[2] != "" {
			if err := json.Unmarshal([]byte(strings.ReplaceAll(m[2], `\n`, "\n")), &q.vars); err != nil {
				t.Fatalf("%s: variables %q: %v", q.where, m[2], err)
			}
		}
		out = append(out, q)
	}
	return out
}

// explorerNeighborhoods is how many neighbourhoods the explorer asks for at
// once in the test: one aliased field per expanded entity.
const explorerNeighborhoods = 20

// explorerQueries are the explorer's documents, their ${...} parts filled
// in as the explorer fills them, with variables for the seed.
func explorerQueries(t *testing.T) []knownQuery {
	raw, err := os.ReadFile("../../web/src/explorer/queries.ts")
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	parts := map[string]string{}
	for _, m := range regexp.MustCompile(`const (\w+) = '([^']*)';`).FindAllStringSubmatch(src, -1) {
		parts[m[1]] = m[2]
	}
	var params, fields []string
	vars := map[string]any{"lang": "ar", "at": "1955", "from": "croatia", "to": "russian-federation", "id": "soviet-union", "entity": "soviet-union", "text": "Croatia"}
	for i := range explorerNeighborhoods {
		params = append(params, fmt.Sprintf("$id%d: ID!", i))
		fields = append(fields, fmt.Sprintf("n%d: neighborhood(id: $id%d, depth: 1, at: $at) { ...Part }", i, i))
		vars[fmt.Sprintf("id%d", i)] = []string{"croatia", "soviet-union", "serbia", "sfr-yugoslavia"}[i%4]
	}
	parts["params"] = strings.Join(params, ", ")
	parts["fields"] = strings.Join(fields, "\n")
	var out []knownQuery
	for _, m := range regexp.MustCompile("(?s)gql<.*?>\\(\\s*`([^`]*)`").FindAllStringSubmatch(src, -1) {
		q := regexp.MustCompile(`\$\{(\w+)\}`).ReplaceAllStringFunc(m[1], func(s string) string {
			name := s[2 : len(s)-1]
			v, ok := parts[name]
			if !ok {
				t.Fatalf("explorer query uses ${%s}, unknown to the test", name)
			}
			return v
		})
		name := regexp.MustCompile(`query (\w+)`).FindStringSubmatch(q)
		used := map[string]any{}
		for _, v := range regexp.MustCompile(`\$(\w+):`).FindAllStringSubmatch(q, -1) {
			used[v[1]] = vars[v[1]]
		}
		out = append(out, knownQuery{where: "explorer " + name[1], query: q, vars: used})
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
			r := query(t, srv, q.query, q.vars)
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
