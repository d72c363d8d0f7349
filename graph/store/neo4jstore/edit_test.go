package neo4jstore

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// tinyGraph is three states, two relations between them and the source
// they cite: enough to create, update and delete on.
func tinyGraph() *store.Dataset {
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	cite := []store.Citation{{Source: "notes"}}
	return &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   []store.EntityKind{{ID: "state", Labels: en("State")}},
			RelationTypes: []store.RelationType{{ID: "RECOGNIZED", Labels: en("recognized"), InverseLabels: en("recognized by")}},
		},
		Sources: []store.SourceDocument{{ID: "notes", Title: "Notes", Language: "en"}},
		Entities: []store.Entity{
			{ID: "a", Kind: "state", Labels: en("A"), Sources: cite},
			{ID: "b", Kind: "state", Labels: en("B"), Sources: cite},
			{ID: "c", Kind: "state", Labels: en("C"), Sources: cite},
		},
		Relations: []store.Relation{
			{ID: "a-b", Type: "RECOGNIZED", FromID: "a", ToID: "b", Sources: cite},
			{ID: "b-c", Type: "RECOGNIZED", FromID: "b", ToID: "c", Sources: cite},
		},
	}
}

func tinyStore(t *testing.T) *Store {
	t.Helper()
	s := openForTest(t)
	if _, err := s.Apply(t.Context(), tinyGraph(), store.ApplyOptions{Actor: "loader"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func state(id, label string) store.Entity {
	return store.Entity{ID: id, Kind: "state", Labels: store.Texts{{Lang: "en", Text: label}}, Sources: []store.Citation{{Source: "notes"}}}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := store.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// TestWriteVersionsAndLog walks one entity through its life: the import
// that created it, an update, a stale update, a delete refused for its
// relations and one that cascades; each step's change, metas and log.
func TestWriteVersionsAndLog(t *testing.T) {
	s := tinyStore(t)
	ctx := t.Context()
	before := time.Now().UTC()

	metas, err := s.Metas(ctx, []string{"a", "a-b", "notes", "nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if metas[0] == nil || metas[0].Version != 1 || metas[0].CreatedBy != "loader" || metas[1] == nil || metas[1].Version != 1 {
		t.Fatalf("metas after the import = %+v, %+v", metas[0], metas[1])
	}
	if metas[2] != nil || metas[3] != nil {
		t.Fatalf("a source and an unknown id have metas %+v, %+v; want nil", metas[2], metas[3])
	}

	created, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "createEntity",
		Put: store.Dataset{Entities: []store.Entity{state("d", "D")}}, Expect: map[string]int64{"d": 0}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Seq != 2 || len(created.Elements) != 1 || !created.Elements[0].Created() || created.Elements[0].Version != 1 {
		t.Fatalf("create = %+v, want seq 2 (after the import) creating d at version 1", created)
	}
	_, err = s.Write(ctx, &store.Edit{Actor: "ana", Action: "createEntity",
		Put: store.Dataset{Entities: []store.Entity{state("d", "D again")}}, Expect: map[string]int64{"d": 0}})
	wantCode(t, err, store.ECONFLICT)

	updated, err := s.Write(ctx, &store.Edit{Actor: "ben", Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{state("a", "A renamed")}}, Expect: map[string]int64{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Seq != 3 || updated.Elements[0].Version != 2 || updated.Elements[0].Created() {
		t.Fatalf("update = %+v, want seq 3 taking a to version 2", updated)
	}
	_, err = s.Write(ctx, &store.Edit{Actor: "ana", Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{state("a", "A stale")}}, Expect: map[string]int64{"a": 1}})
	wantCode(t, err, store.ECONFLICT)
	var conflict *store.Error
	if !errors.As(err, &conflict) || conflict.Extensions["currentVersion"] != int64(2) {
		t.Fatalf("stale update = %#v, want currentVersion 2 in its extensions", err)
	}

	m, err := s.Metas(ctx, []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if a := m[0]; a.Version != 2 || a.CreatedBy != "loader" || a.UpdatedBy != "ben" || a.UpdatedAt.Before(before) || !a.UpdatedAt.Equal(updated.At) {
		t.Fatalf("a's meta = %+v, want version 2, created by loader, updated by ben at %v", a, updated.At)
	}
	// The metas are native properties, datetimes as datetimes.
	types := runCypher(t, neo4jtest.Config(t), "MATCH (n:Entity {id: 'a'}) RETURN n.version, valueType(n.updatedAt), n.updatedBy", nil)
	if fmt.Sprint(types) != "[2 ZONED DATETIME NOT NULL ben]" {
		t.Fatalf("a's meta properties = %v", types)
	}

	_, err = s.Write(ctx, &store.Edit{Actor: "ana", Action: "deleteEntity", Delete: []string{"b"}})
	wantCode(t, err, store.ECONFLICT)
	deleted, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "deleteEntity", Delete: []string{"b"}, Cascade: true, Expect: map[string]int64{"b": 1}})
	if err != nil {
		t.Fatal(err)
	}
	var gone []string
	for _, e := range deleted.Elements {
		if !e.Deleted() {
			t.Fatalf("cascade delete changed %+v without deleting it", e)
		}
		gone = append(gone, e.Section+":"+e.ID)
	}
	if fmt.Sprint(gone) != "[entities:b relations:a-b relations:b-c]" {
		t.Fatalf("cascade deleted %v", gone)
	}
	left := runCypher(t, neo4jtest.Config(t), "CALL { MATCH (n:Entity) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil)
	if fmt.Sprint(left) != "[3 0]" {
		t.Fatalf("entities and relations left = %v, want a, c, d and none", left)
	}
	_, err = s.Write(ctx, &store.Edit{Actor: "ana", Action: "deleteEntity", Delete: []string{"b"}})
	wantCode(t, err, store.ENOTFOUND)

	// The log holds each committed change once, in order; the failed
	// edits left nothing.
	page, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, c := range page.Changes {
		log = append(log, fmt.Sprintf("%d %s %s %d", c.Seq, c.Actor, c.Action, len(c.Elements)))
	}
	if fmt.Sprint(log) != "[1 loader import 8 2 ana createEntity 1 3 ben updateEntity 1 4 ana deleteEntity 3]" || page.HasNextPage {
		t.Fatalf("change log = %v (next page %v)", log, page.HasNextPage)
	}
	if got := page.Changes[2]; !got.At.Equal(updated.At) || string(store.MustJSON(got)) != string(store.MustJSON(updated)) {
		t.Fatalf("logged update = %s, want what Write returned: %s", store.MustJSON(got), store.MustJSON(updated))
	}
}

// TestWriteNothingAndDryRun: an edit that changes nothing, and a dry run,
// write nothing and take no seq.
func TestWriteNothingAndDryRun(t *testing.T) {
	s := tinyStore(t)
	ctx := t.Context()
	same, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{tinyGraph().Entities[0]}}})
	if err != nil {
		t.Fatal(err)
	}
	if same.Seq != 0 || len(same.Elements) != 0 {
		t.Fatalf("an edit that changes nothing = %+v, want seq 0, no elements", same)
	}
	dry, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "deleteEntity", Delete: []string{"a"}, Cascade: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.Seq != 0 || len(dry.Elements) != 2 {
		t.Fatalf("dry run = %+v, want seq 0 (nothing recorded), a and a-b deleted", dry)
	}
	version, _ := s.Version(ctx)
	page, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Changes) != 1 {
		t.Fatalf("%d changes logged, want only the import", len(page.Changes))
	}
	got, err := s.Entities(ctx, []string{"a"})
	if err != nil || got[0] == nil {
		t.Fatalf("a after a dry-run delete: %v, %v", got, err)
	}
	if again, _ := s.Version(ctx); again != version {
		t.Fatalf("version moved from %s to %s without a write", version, again)
	}
}

// TestConcurrentWritersOneWins updates one entity from several stores at
// once, each based on version 1: exactly one commits, the others are
// told of the conflict, and the log has the one change.
func TestConcurrentWritersOneWins(t *testing.T) {
	first := tinyStore(t)
	const writers = 6
	stores := []*Store{first}
	for len(stores) < writers {
		stores = append(stores, openAnother(t))
	}
	errs := make([]error, writers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			<-start
			_, errs[i] = s.Write(t.Context(), &store.Edit{Actor: fmt.Sprintf("writer%d", i), Action: "updateEntity",
				Put: store.Dataset{Entities: []store.Entity{state("a", fmt.Sprintf("A by %d", i))}}, Expect: map[string]int64{"a": 1}})
		})
	}
	close(start)
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch store.ErrorCode(err) {
		case "":
			won++
		case store.ECONFLICT:
		default:
			t.Errorf("writer %d: %v", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won, want exactly 1: %v", won, errs)
	}
	page, err := first.Changes(t.Context(), store.ChangeQuery{After: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Changes) != 1 || page.Changes[0].Seq != 2 {
		t.Fatalf("changes after the import = %+v, want the winner's alone, seq 2", page.Changes)
	}
}

// TestChangesFilters pages through the log and filters it by entity and time.
func TestChangesFilters(t *testing.T) {
	s := tinyStore(t)
	ctx := t.Context()
	var ats []time.Time
	for i, e := range []store.Entity{state("a", "A1"), state("c", "C1"), state("a", "A2")} {
		c, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{e}}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Seq != int64(i+2) {
			t.Fatalf("change %d has seq %d", i, c.Seq)
		}
		ats = append(ats, c.At)
	}
	for i := 1; i < len(ats); i++ {
		if !ats[i].After(ats[i-1]) {
			t.Fatalf("changes are dated %v, not in the order of their seqs", ats)
		}
	}
	tests := []struct {
		name string
		q    store.ChangeQuery
		want string // seqs, then whether a page follows
	}{
		{"first page", store.ChangeQuery{First: 2}, "[1 2] true"},
		{"next page", store.ChangeQuery{After: 2, First: 2}, "[3 4] false"},
		{"entity a", store.ChangeQuery{Entity: "a"}, "[1 2 4] false"},
		{"entity a paged", store.ChangeQuery{Entity: "a", After: 1, First: 1}, "[2] true"},
		{"entity b, through its relations", store.ChangeQuery{Entity: "b"}, "[1] false"},
		{"since", store.ChangeQuery{Since: ats[1]}, "[3 4] false"},
		{"until", store.ChangeQuery{Until: ats[0], After: 1}, "[2] false"},
		{"since and until", store.ChangeQuery{Since: ats[1], Until: ats[1]}, "[3] false"},
		{"unknown entity", store.ChangeQuery{Entity: "nobody"}, "[] false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.Changes(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, c := range page.Changes {
				seqs = append(seqs, c.Seq)
			}
			if got := fmt.Sprintf("%v %v", seqs, page.HasNextPage); got != tt.want {
				t.Fatalf("changes = %s, want %s", got, tt.want)
			}
		})
	}
	for _, bad := range []store.ChangeQuery{{After: -1}, {First: store.MaxPageSize + 1}, {Since: ats[1], Until: ats[0]}} {
		_, err := s.Changes(ctx, bad)
		wantCode(t, err, store.EINVALID)
	}
}

// TestWriteMovesRelation points a relation at another entity: its
// relationship is replaced, and its edit record goes on from the old one.
func TestWriteMovesRelation(t *testing.T) {
	s := tinyStore(t)
	moved := tinyGraph().Relations[0]
	moved.ToID = "c"
	c, err := s.Write(t.Context(), &store.Edit{Actor: "ana", Action: "updateRelation",
		Put: store.Dataset{Relations: []store.Relation{moved}}, Expect: map[string]int64{"a-b": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Elements) != 1 || c.Elements[0].Version != 2 {
		t.Fatalf("move = %+v, want a-b at version 2", c)
	}
	got := neo4jtest.Query(t, neo4jtest.Config(t), "MATCH (a)-[r {id: 'a-b'}]->(b) RETURN a.id, b.id, r.version, r.createdBy, r.updatedBy", nil)
	if len(got) != 1 || fmt.Sprint(got[0].Values) != "[a c 2 loader ana]" {
		var rows []any
		for _, rec := range got {
			rows = append(rows, rec.Values)
		}
		t.Fatalf("relationships with the id a-b = %v, want one from a to c, version 2, created by loader, updated by ana", rows)
	}
}
