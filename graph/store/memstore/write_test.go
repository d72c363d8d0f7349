package memstore

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/synthetic"
)

// TestWritesSurviveRestart checks that what Write acknowledged is in the
// data file: a reopened store holds the edits, their metas and the change
// log, and numbers its next change after the last.
func TestWritesSurviveRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "graph.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := synthetic.Dataset(20, 2)
	if _, err := s.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	hub := d.Relations[0].FromID
	renamed := *s.byID["e000001"]
	renamed.Labels = store.Texts{{Lang: "en", Text: "Renamed"}}
	edits := []*store.Edit{
		{Actor: "ed", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{renamed}}, Expect: map[string]int64{"e000001": 1}},
		{Actor: "ed", Action: "deleteEntity", Delete: []string{hub}, Cascade: true},
	}
	for _, e := range edits {
		if _, err := s.Write(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	before, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if string(store.MustJSON(after)) != string(store.MustJSON(before)) {
		t.Fatal("the reopened graph differs from the one written")
	}
	again, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if string(store.MustJSON(again)) != string(store.MustJSON(log)) || len(again.Changes) != 3 {
		t.Fatalf("the reopened log has %d changes, differing from the %d written", len(again.Changes), len(log.Changes))
	}
	ms, err := s.Metas(ctx, []string{"e000001", hub})
	if err != nil {
		t.Fatal(err)
	}
	if ms[0] == nil || ms[0].Version != 2 || ms[0].UpdatedBy != "ed" || ms[1] != nil {
		t.Fatalf("reopened metas = %+v, %+v; want version 2 by ed, and none for the deleted hub", ms[0], ms[1])
	}
	renamed.Labels = store.Texts{{Lang: "en", Text: "Renamed again"}}
	c, err := s.Write(ctx, &store.Edit{Actor: "ed", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{renamed}}, Expect: map[string]int64{"e000001": 2}})
	if err != nil {
		t.Fatal(err)
	}
	if last := again.Changes[2]; c.Seq != 4 || c.At.Before(last.At) {
		t.Fatalf("the next change after reopening is seq %d at %v, want 4, not before %v", c.Seq, c.At, last.At)
	}
}

// TestDeletedRelationsFreeTheirSlots checks that deleting relations and
// adding as many does not grow the store: the heap per relation stays
// where it is however the graph is edited.
func TestDeletedRelationsFreeTheirSlots(t *testing.T) {
	ctx := context.Background()
	s, d := syntheticStore(t, 200, 3)
	rels, extras := len(s.rels), len(s.extras)
	for round := range 3 {
		var ids []string
		var add []store.Relation
		for _, r := range d.Relations[:50] {
			ids = append(ids, r.ID)
			r.ID = fmt.Sprintf("%s-%d", r.ID, round)
			r.Descriptions = store.Texts{{Lang: "en", Text: "Its own sources and descriptions"}}
			add = append(add, r)
		}
		if round > 0 {
			ids = ids[:0]
			for _, r := range d.Relations[:50] {
				ids = append(ids, fmt.Sprintf("%s-%d", r.ID, round-1))
			}
		}
		if _, err := s.Write(ctx, &store.Edit{Actor: "ed", Action: "delete", Delete: ids}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Write(ctx, &store.Edit{Actor: "ed", Action: "create", Put: store.Dataset{Relations: add}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.rels) != rels || len(s.extras) > extras+50 {
		t.Fatalf("after deleting and adding 50 relations three times: %d relation slots (from %d) and %d extras (from %d)", len(s.rels), rels, len(s.extras), extras)
	}
	if len(s.relOrder) != rels {
		t.Fatalf("%d relations listed, want %d", len(s.relOrder), rels)
	}
	got, err := s.Relations(ctx, []string{d.Relations[0].ID + "-2", d.Relations[0].ID, d.Relations[0].ID + "-1"})
	if err != nil {
		t.Fatal(err)
	}
	if got[0] == nil || got[0].Descriptions.Pick("en") == "" || got[1] != nil || got[2] != nil {
		t.Fatalf("relations after the rounds = %+v", got)
	}
}
