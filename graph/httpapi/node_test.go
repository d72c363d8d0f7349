package httpapi_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// nodeFields asks for the fields that tell the three kinds of node apart.
const nodeFields = `__typename id
  ... on Entity { name }
  ... on Relation { type fromId }
  ... on SourceDocument { title }`

type nodeAnswer struct {
	Typename string `json:"__typename"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	FromID   string `json:"fromId"`
	Title    string `json:"title"`
}

// TestNodeRefetchesEveryNodeType checks that node(id:) finds an entity, a
// relation and a source document by id alone, with their own fields, and
// null for an id that names nothing.
func TestNodeRefetchesEveryNodeType(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		id       string
		typename string
		check    func(n nodeAnswer) bool
	}{
		{"soviet-union", "Entity", func(n nodeAnswer) bool { return n.Name == "Soviet Union" }},
		{"sfry-signed-belgrade-declaration", "Relation", func(n nodeAnswer) bool { return n.Type == "SIGNED" && n.FromID == "sfr-yugoslavia" }},
		{"ar-wiki-soviet-yugoslav-relations", "SourceDocument", func(n nodeAnswer) bool {
			return n.Title == "العلاقات السوفيتية اليوغوسلافية"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.typename, func(t *testing.T) {
			var got struct {
				Node *nodeAnswer `json:"node"`
			}
			data(t, srv, `query($id: ID!) { node(id: $id) { `+nodeFields+` } }`, map[string]any{"id": tt.id}, &got)
			if got.Node == nil || got.Node.ID != tt.id || got.Node.Typename != tt.typename || !tt.check(*got.Node) {
				t.Fatalf("node(%q) = %+v, want the %s", tt.id, got.Node, tt.typename)
			}
		})
	}
	var missing struct {
		Node *nodeAnswer `json:"node"`
	}
	data(t, srv, `{ node(id: "atlantis") { id } }`, nil, &missing)
	if missing.Node != nil {
		t.Fatalf("node(atlantis) = %+v, want null", missing.Node)
	}
}

// TestNodesKeepOrderAndBatch checks nodes(ids:) answers in the order asked,
// with null for unknown ids, reading each kind of node in one store call.
func TestNodesKeepOrderAndBatch(t *testing.T) {
	c := &countingStore{Store: memstoretest.Seeded(t)}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: c, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	ids := []string{"ar-wiki-soviet-yugoslav-relations", "croatia", "nowhere", "sfry-signed-belgrade-declaration", "serbia", "ussr-signed-agreement-1955"}
	var got struct {
		Nodes []*nodeAnswer `json:"nodes"`
	}
	data(t, srv, `query($ids: [ID!]!) { nodes(ids: $ids) { `+nodeFields+` } }`, map[string]any{"ids": ids}, &got)
	var answered []string
	for _, n := range got.Nodes {
		if n == nil {
			answered = append(answered, "null")
			continue
		}
		answered = append(answered, n.Typename+":"+n.ID)
	}
	want := "SourceDocument:ar-wiki-soviet-yugoslav-relations Entity:croatia null Relation:sfry-signed-belgrade-declaration Entity:serbia Relation:ussr-signed-agreement-1955"
	if strings.Join(answered, " ") != want {
		t.Fatalf("nodes = %s\nwant    %s", strings.Join(answered, " "), want)
	}
	if e, d := c.entities.Load(), c.documents.Load(); e != 1 || d != 1 {
		t.Fatalf("store calls: %d for entities, %d for documents; want 1 each", e, d)
	}
}

// TestNodesIsBounded checks the size of a nodes lookup is checked.
func TestNodesIsBounded(t *testing.T) {
	srv := newServer(t)
	tooMany := make([]string, store.MaxNodesPerQuery+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("id-%d", i)
	}
	for _, ids := range [][]string{{}, tooMany} {
		r := query(t, srv, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "INVALID" || !strings.Contains(r.Errors[0].Message, "1 to 100") {
			t.Fatalf("nodes of %d ids: errors %+v, want INVALID", len(ids), r.Errors)
		}
	}
}

// edge is a connection's edge, asked for as `edges { cursor node { id } }`.
type edge struct {
	Cursor string `json:"cursor"`
	Node   struct {
		ID string `json:"id"`
	} `json:"node"`
}

// TestConnectionsFollowTheRelaySpec checks both kinds of connection carry
// edges with cursors and nodes, and a pageInfo whose cursors are the first
// and last edges', which resume the listing where it stopped.
func TestConnectionsFollowTheRelaySpec(t *testing.T) {
	srv := newServer(t)
	type conn struct {
		Edges    []edge `json:"edges"`
		PageInfo struct {
			HasNextPage     bool    `json:"hasNextPage"`
			HasPreviousPage bool    `json:"hasPreviousPage"`
			StartCursor     *string `json:"startCursor"`
			EndCursor       *string `json:"endCursor"`
		} `json:"pageInfo"`
	}
	const fields = `edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`
	queries := map[string]string{
		"entities":         `query($after: String) { c: entities(first: 3, after: $after) { ` + fields + ` } }`,
		"relations":        `query($after: String) { c: relations(first: 3, after: $after) { ` + fields + ` } }`,
		"entity relations": `query($after: String) { entity(id: "sfr-yugoslavia") { c: relations(first: 3, after: $after) { ` + fields + ` } } }`,
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			page := func(after *string) conn {
				var got struct {
					C      *conn `json:"c"`
					Entity *struct {
						C conn `json:"c"`
					} `json:"entity"`
				}
				data(t, srv, q, map[string]any{"after": after}, &got)
				if got.Entity != nil {
					return got.Entity.C
				}
				return *got.C
			}
			first := page(nil)
			if len(first.Edges) != 3 || !first.PageInfo.HasNextPage || first.PageInfo.HasPreviousPage {
				t.Fatalf("first page: %+v", first)
			}
			if *first.PageInfo.StartCursor != first.Edges[0].Cursor || *first.PageInfo.EndCursor != first.Edges[2].Cursor {
				t.Fatalf("pageInfo cursors %v..%v are not the edges' %q..%q", *first.PageInfo.StartCursor, *first.PageInfo.EndCursor, first.Edges[0].Cursor, first.Edges[2].Cursor)
			}
			second := page(first.PageInfo.EndCursor)
			if len(second.Edges) == 0 || !second.PageInfo.HasPreviousPage || second.Edges[0].Node.ID <= first.Edges[2].Node.ID {
				t.Fatalf("second page does not follow the first: %+v", second)
			}
			// A page resumed from an edge's cursor starts right after that edge.
			mid := page(&first.Edges[0].Cursor)
			if mid.Edges[0].Node.ID != first.Edges[1].Node.ID {
				t.Fatalf("after the first edge's cursor comes %q, want %q", mid.Edges[0].Node.ID, first.Edges[1].Node.ID)
			}
		})
	}
}
