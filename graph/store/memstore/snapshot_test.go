package memstore

import (
	"context"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/synthetic"
)

// TestSnapshotIsReadOnly checks a store made from a dataset answers reads
// from it and refuses every write, leaving it as it was.
func TestSnapshotIsReadOnly(t *testing.T) {
	ctx := context.Background()
	d := synthetic.Dataset(30, 2)
	want := string(store.MustJSON((&store.Dataset{}).Merge(d)))
	s, err := FromDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id := d.Entities[0].ID
	if _, err := s.Write(ctx, &store.Edit{Actor: "ed", Action: "deleteEntity", Delete: []string{id}, Cascade: true}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("Write on a snapshot: %v, want INVALID", err)
	}
	if _, err := s.Apply(ctx, &store.Dataset{}, store.ApplyOptions{}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("Apply on a snapshot: %v, want INVALID", err)
	}
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if string(store.MustJSON(got)) != want {
		t.Fatal("the snapshot's graph differs from its dataset")
	}
	page, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil || len(page.Changes) != 0 || page.HasNextPage {
		t.Fatalf("Changes of a snapshot = %+v (%v), want an empty page", page, err)
	}
	ms, err := s.Metas(ctx, []string{id, "nowhere"})
	if err != nil || ms[0] == nil || ms[0].Version != 1 || ms[1] != nil {
		t.Fatalf("Metas of a snapshot = %v (%v), want version 1 and nil", ms, err)
	}
}
