package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// countingStore counts the batch lookups behind nested fields.
type countingStore struct {
	store.Store
	entities, relationsOf, documents atomic.Int32
}

func (c *countingStore) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	c.entities.Add(1)
	return c.Store.Entities(ctx, ids)
}

func (c *countingStore) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	c.relationsOf.Add(1)
	return c.Store.RelationsOf(ctx, ids, f)
}

func (c *countingStore) SourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, error) {
	c.documents.Add(1)
	return c.Store.SourceDocuments(ctx, ids)
}

// TestNestedFieldsLoadInBatches checks that the entities at the ends of a
// page of relations, their relations and the cited documents are each
// fetched in a few batches, not one store call per relation.
func TestNestedFieldsLoadInBatches(t *testing.T) {
	c := &countingStore{Store: memstoretest.Seeded(t)}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: c, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()

	var got struct {
		Relations struct {
			Nodes []struct {
				From struct {
					Relations struct {
						TotalCount int `json:"totalCount"`
					} `json:"relations"`
				} `json:"from"`
				To struct {
					ID string `json:"id"`
				} `json:"to"`
				Sources []struct {
					Document struct {
						Title string `json:"title"`
					} `json:"document"`
				} `json:"sources"`
			} `json:"nodes"`
		} `json:"relations"`
	}
	data(t, srv, `{ relations(first: 40) { nodes { from { relations { totalCount } } to { id } sources { document { title } } } } }`, nil, &got)
	if n := len(got.Relations.Nodes); n != 40 {
		t.Fatalf("%d relations, want 40", n)
	}
	// 40 relations: 80 entity lookups, 40 relation lists and 40+ citations
	// if nothing were batched. A batch may be split when goroutines start
	// late on a busy machine, so allow a few.
	if e, r, doc := c.entities.Load(), c.relationsOf.Load(), c.documents.Load(); e > 8 || r > 8 || doc > 8 {
		t.Fatalf("store calls: %d Entities, %d RelationsOf, %d SourceDocuments; want a few batches each", e, r, doc)
	}
}
