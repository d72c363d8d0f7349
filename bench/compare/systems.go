package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"kgraph/bench/internal/mix"
)

// System is one server under comparison: where it is, how each operation
// of the mix is asked of it, and how its answer is read into mix's form.
type System struct {
	// Key is the short name used in tables: a, b, c or d.
	Key string
	// Name says what the system is.
	Name string
	// URL is the server's base URL.
	URL string
	// dialect builds requests and reads answers.
	dialect dialect
}

// dialect is how one kind of server is spoken to.
type dialect interface {
	// target is the request for op with args.
	target(base, op string, args mix.Args) vegeta.Target
	// answer reads op's answer from a response body into mix's form.
	answer(op string, body []byte) (any, error)
}

func kgraphSystem(key, name, url string) System {
	return System{Key: key, Name: name, URL: url, dialect: kgraphDialect{}}
}

func floorSystem(url string) System {
	return System{Key: "c", Name: "floor: Go net/http, one Cypher query per operation", URL: url, dialect: floorDialect{}}
}

func neo4jGraphQLSystem(url string) System {
	return System{Key: "d", Name: "@neo4j/graphql 7 on Apollo Server 5", URL: url, dialect: neo4jGraphQLDialect{}}
}

// graphQLTarget is a POST of a GraphQL query with variables.
func graphQLTarget(base, query string, vars map[string]any) vegeta.Target {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return vegeta.Target{Method: http.MethodPost, URL: base + "/graphql", Body: body,
		Header: http.Header{"Content-Type": []string{"application/json"}}}
}

// graphQLData decodes a GraphQL response's data into v, failing on errors.
func graphQLData(body []byte, v any) error {
	var resp struct {
		Data   json.RawMessage   `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return fmt.Errorf("not a GraphQL response: %.200s", body)
	}
	if len(resp.Errors) > 0 {
		return fmt.Errorf("GraphQL errors: %s", resp.Errors[0])
	}
	return json.Unmarshal(resp.Data, v)
}

// kgraphDialect speaks kgraph's schema.
type kgraphDialect struct{}

var kgraphQueries = map[string]string{
	mix.Q1: `query($id: ID!) { entity(id: $id) { id kind name } }`,
	mix.Q2: `query($id: ID!, $types: [String!]) { entity(id: $id) { relations(direction: OUT, types: $types, first: 500) { nodes { id type start end to { id name } } } } }`,
	mix.Q3: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 1000) { entityIds truncated } }`,
	mix.Q4: fmt.Sprintf(`query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxDepth: %d) { relations { id } } }`, mix.MaxPathDepth),
	mix.Q5: fmt.Sprintf(`query($text: String!) { search(text: $text, first: %d) { id } }`, mix.SearchLimit),
}

// typename is gqlgen's own {__typename}, which reads nothing: what
// kgraph's handler, HTTP and JSON cost alone, measured on the kgraph
// systems only, as the yardstick of the embedded store.
const typename = "typename"

func (kgraphDialect) target(base, op string, a mix.Args) vegeta.Target {
	if op == typename {
		return graphQLTarget(base, `{ __typename }`, nil)
	}
	vars := map[string]any{"id": a.Entity}
	switch op {
	case mix.Q2:
		vars["types"] = mix.DirectedTypes
	case mix.Q4:
		vars = map[string]any{"from": a.From, "to": a.To}
	case mix.Q5:
		vars = map[string]any{"text": a.Prefix}
	}
	return graphQLTarget(base, kgraphQueries[op], vars)
}

type idOnly struct {
	ID string `json:"id"`
}

func ids(xs []idOnly) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.ID
	}
	return out
}

func (kgraphDialect) answer(op string, body []byte) (any, error) {
	switch op {
	case mix.Q1:
		var d struct{ Entity *mix.Entity }
		err := graphQLData(body, &d)
		return d.Entity, err
	case mix.Q2:
		var d struct {
			Entity struct {
				Relations struct {
					Nodes []struct {
						ID, Type   string
						Start, End *string
						To         struct{ ID, Name string }
					}
				}
			}
		}
		if err := graphQLData(body, &d); err != nil {
			return nil, err
		}
		out := []mix.Relation{}
		for _, n := range d.Entity.Relations.Nodes {
			out = append(out, mix.Relation{ID: n.ID, Type: n.Type, Start: n.Start, End: n.End, ToID: n.To.ID, ToName: n.To.Name})
		}
		return mix.Relations(out), nil
	case mix.Q3:
		var d struct {
			Neighborhood struct {
				EntityIDs []string `json:"entityIds"`
				Truncated bool
			}
		}
		if err := graphQLData(body, &d); err != nil {
			return nil, err
		}
		if d.Neighborhood.Truncated {
			return nil, fmt.Errorf("the neighbourhood was cut at its limit")
		}
		return mix.IDs(d.Neighborhood.EntityIDs), nil
	case mix.Q4:
		var d struct{ ShortestPath *struct{ Relations []idOnly } }
		if err := graphQLData(body, &d); err != nil || d.ShortestPath == nil {
			return nil, err
		}
		return ids(d.ShortestPath.Relations), nil
	default:
		var d struct{ Search []idOnly }
		err := graphQLData(body, &d)
		return mix.IDs(ids(d.Search)), err
	}
}

// floorDialect speaks the floor's GET routes, whose answers are mix's form.
type floorDialect struct{}

func (floorDialect) target(base, op string, a mix.Args) vegeta.Target {
	q := url.Values{}
	switch op {
	case mix.Q4:
		q.Set("from", a.From)
		q.Set("to", a.To)
	case mix.Q5:
		q.Set("prefix", a.Prefix)
	default:
		q.Set("id", a.Entity)
	}
	return vegeta.Target{Method: http.MethodGet, URL: base + "/" + op + "?" + q.Encode()}
}

func (floorDialect) answer(op string, body []byte) (any, error) {
	var v any
	switch op {
	case mix.Q1:
		v = &mix.Entity{}
	case mix.Q2:
		v = &[]mix.Relation{}
	default:
		v = &[]string{}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return v, dec.Decode(v)
}

// neo4jGraphQLDialect speaks the schema @neo4j/graphql generates from
// bench/neo4j-graphql/typeDefs.graphql.
type neo4jGraphQLDialect struct{}

// relationFields maps each directed type to its field in the type definitions.
var relationFields = map[string]string{
	"LED": "led", "MEMBER_OF": "memberOf", "PART_OF": "partOf", "SIGNED": "signed", "SUCCEEDED": "succeeded",
}

func neo4jGraphQLQueries() map[string]string {
	var conns []string
	for _, t := range mix.DirectedTypes {
		conns = append(conns, relationFields[t]+`Connection { edges { properties { id start end } node { id name } } }`)
	}
	return map[string]string{
		mix.Q1: `query($id: ID!) { entities(where: { id: { eq: $id } }) { id kind name } }`,
		mix.Q2: `query($id: ID!) { entities(where: { id: { eq: $id } }) { ` + strings.Join(conns, " ") + ` } }`,
		mix.Q3: `query($id: ID!) { entities(where: { id: { eq: $id } }) { neighbourhoodIds } }`,
		mix.Q4: `query($from: ID!, $to: ID!) { entities(where: { id: { eq: $from } }) { shortestPathTo(to: $to) } }`,
		mix.Q5: fmt.Sprintf(`query($prefix: String!) { entities(where: { name: { startsWith: $prefix } }, limit: %d, sort: [{ id: ASC }]) { id } }`, mix.SearchLimit),
	}
}

var neo4jGraphQLQuery = neo4jGraphQLQueries()

func (neo4jGraphQLDialect) target(base, op string, a mix.Args) vegeta.Target {
	vars := map[string]any{"id": a.Entity}
	switch op {
	case mix.Q4:
		vars = map[string]any{"from": a.From, "to": a.To}
	case mix.Q5:
		vars = map[string]any{"prefix": a.Prefix}
	}
	return graphQLTarget(base, neo4jGraphQLQuery[op], vars)
}

func (neo4jGraphQLDialect) answer(op string, body []byte) (any, error) {
	var d struct{ Entities []map[string]json.RawMessage }
	if err := graphQLData(body, &d); err != nil {
		return nil, err
	}
	if op == mix.Q5 {
		out := []string{}
		for _, e := range d.Entities {
			var id string
			_ = json.Unmarshal(e["id"], &id)
			out = append(out, id)
		}
		return mix.IDs(out), nil
	}
	if len(d.Entities) == 0 {
		return nil, nil
	}
	e := d.Entities[0]
	switch op {
	case mix.Q1:
		var out mix.Entity
		for k, v := range map[string]*string{"id": &out.ID, "kind": &out.Kind, "name": &out.Name} {
			_ = json.Unmarshal(e[k], v)
		}
		return &out, nil
	case mix.Q2:
		out := []mix.Relation{}
		for _, t := range mix.DirectedTypes {
			var conn struct {
				Edges []struct {
					Properties struct {
						ID         string
						Start, End *string
					}
					Node struct{ ID, Name string }
				}
			}
			if err := json.Unmarshal(e[relationFields[t]+"Connection"], &conn); err != nil {
				return nil, err
			}
			for _, edge := range conn.Edges {
				out = append(out, mix.Relation{ID: edge.Properties.ID, Type: t, Start: edge.Properties.Start, End: edge.Properties.End,
					ToID: edge.Node.ID, ToName: edge.Node.Name})
			}
		}
		return mix.Relations(out), nil
	case mix.Q3:
		var out []string
		err := json.Unmarshal(e["neighbourhoodIds"], &out)
		return mix.IDs(out), err
	default:
		var out []string
		err := json.Unmarshal(e["shortestPathTo"], &out)
		return out, err
	}
}
