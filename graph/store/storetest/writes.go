package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kgraph/graph/store"
)

// The writes' tests: Write's version checks, cascades and validation, the
// change log they leave (Changes) and the metas (Metas).

// importActor is the actor Apply records when its options name none.
const importActor = "import"

// editor is the actor of the tests' edits.
const editor = "editor@example.org"

// cite is a citation of the seed's article, for the relations the tests add.
var cite = []store.Citation{{Source: "ar-wiki-soviet-yugoslav-relations", Paragraph: 1, Sentence: 1}}

// croatiaRelations are the seed's relations from or to croatia.
var croatiaRelations = []string{
	"croatia-co-successor-of-sfry",
	"croatia-recognizes-agreement-1955",
	"croatia-recognizes-agreement-1974",
	"croatia-recognizes-agreement-1988",
}

// write commits e, failing the test on an error.
func write(t *testing.T, s store.Store, e *store.Edit) *store.Change {
	t.Helper()
	c, err := s.Write(ctx(), e)
	if err != nil {
		t.Fatalf("write %s: %v", e.Action, err)
	}
	return c
}

// state is a new entity of the seed's kind "state".
func state(id, label string) store.Entity {
	return store.Entity{ID: id, Kind: "state", Labels: store.Texts{{Lang: "en", Text: label}}}
}

// entity reads one entity, nil when there is none.
func entity(t *testing.T, s store.Store, id string) *store.Entity {
	t.Helper()
	es, err := s.Entities(ctx(), []string{id})
	ok(t, err)
	return es[0]
}

// renamed is the stored entity id with its English label replaced.
func renamed(t *testing.T, s store.Store, id, label string) store.Entity {
	t.Helper()
	e := entity(t, s, id)
	if e == nil {
		t.Fatalf("no entity %q to rename", id)
	}
	out := *e
	out.Labels = slices.Clone(e.Labels)
	for i := range out.Labels {
		if out.Labels[i].Lang == "en" {
			out.Labels[i].Text = label
		}
	}
	return out
}

// meta reads the Meta of one id, nil when it names no entity or relation.
func meta(t *testing.T, s store.Store, id string) *store.Meta {
	t.Helper()
	ms, err := s.Metas(ctx(), []string{id})
	ok(t, err)
	if len(ms) != 1 {
		t.Fatalf("Metas of one id returned %d", len(ms))
	}
	return ms[0]
}

// allChanges reads the whole change log, page by page.
func allChanges(t *testing.T, s store.Store) []*store.Change {
	t.Helper()
	var out []*store.Change
	q := store.ChangeQuery{First: 2} // small pages, so that paging is used
	for {
		page, err := s.Changes(ctx(), q)
		ok(t, err)
		out = append(out, page.Changes...)
		if !page.HasNextPage {
			return out
		}
		if len(page.Changes) == 0 {
			t.Fatal("an empty page of changes says more follow")
		}
		q.After = page.Changes[len(page.Changes)-1].Seq
	}
}

func seqs(cs []*store.Change) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.Seq
	}
	return out
}

// graphState is what a refused write must leave as it was.
type graphState struct{ version, export, log string }

func stateOf(t *testing.T, s store.Store) graphState {
	t.Helper()
	v, err := s.Version(ctx())
	ok(t, err)
	d, err := s.Export(ctx())
	ok(t, err)
	return graphState{version: v, export: asJSON(d), log: asJSON(allChanges(t, s))}
}

// unchangedSince fails when the graph, its version or its log changed.
func unchangedSince(t *testing.T, s store.Store, before graphState) {
	t.Helper()
	after := stateOf(t, s)
	switch {
	case after.version != before.version:
		t.Errorf("the version changed from %q to %q", before.version, after.version)
	case after.export != before.export:
		t.Errorf("the graph changed")
	case after.log != before.log:
		t.Errorf("the change log changed")
	}
}

func elementIDs(c *store.Change) []string {
	out := make([]string, len(c.Elements))
	for i, e := range c.Elements {
		out[i] = e.Section + "/" + e.ID
	}
	return out
}

// testWriteCreates checks creates on an empty store: the change returned,
// seqs from 1, and the metas of what was created.
func testWriteCreates(t *testing.T, s store.Store) {
	vocab := store.Vocabulary{
		EntityKinds:   []store.EntityKind{{ID: "city", Labels: store.Texts{{Lang: "en", Text: "City"}}}},
		RelationTypes: []store.RelationType{{ID: "TWINNED_WITH", Labels: store.Texts{{Lang: "en", Text: "twinned with"}}, InverseLabels: store.Texts{{Lang: "en", Text: "twinned with"}}, Symmetric: true}},
	}
	city := func(id, label string) store.Entity {
		return store.Entity{ID: id, Kind: "city", Labels: store.Texts{{Lang: "en", Text: label}}}
	}
	first := write(t, s, &store.Edit{Actor: "alice", Action: "createEntity",
		Put: store.Dataset{Vocabulary: vocab, Sources: []store.SourceDocument{{ID: "atlas", Title: "Atlas", Language: "en"}},
			Entities: []store.Entity{city("rome", "Rome"), city("paris", "Paris")}},
		Expect: map[string]int64{"rome": 0, "paris": 0}})
	if first.Seq != 1 || first.At.IsZero() || first.Actor != "alice" || first.Action != "createEntity" {
		t.Fatalf("first change = seq %d at %v by %q (%q), want seq 1, dated, by alice (createEntity)", first.Seq, first.At, first.Actor, first.Action)
	}
	wantElems := []string{"entityKinds/city", "relationTypes/TWINNED_WITH", "sources/atlas", "entities/paris", "entities/rome"}
	if got := elementIDs(first); !slices.Equal(got, wantElems) {
		t.Fatalf("first change's elements = %v, want %v", got, wantElems)
	}
	for _, e := range first.Elements {
		if !e.Created() || e.Deleted() || e.Version != 1 {
			t.Errorf("element %s/%s: created %v, deleted %v, version %d; want created at version 1", e.Section, e.ID, e.Created(), e.Deleted(), e.Version)
		}
	}
	second := write(t, s, &store.Edit{Actor: "bob", Action: "createRelation",
		Put:    store.Dataset{Relations: []store.Relation{{ID: "rome-paris", Type: "TWINNED_WITH", FromID: "rome", ToID: "paris", Sources: []store.Citation{{Source: "atlas"}}}}},
		Expect: map[string]int64{"rome-paris": 0}})
	if second.Seq != 2 || second.At.Before(first.At) {
		t.Fatalf("second change = seq %d at %v, want seq 2, not before %v", second.Seq, second.At, first.At)
	}
	ms, err := s.Metas(ctx(), []string{"rome", "nowhere", "rome-paris", "atlas"})
	ok(t, err)
	if len(ms) != 4 || ms[1] != nil || ms[3] != nil {
		t.Fatalf("Metas = %v, want 4 with nil for an unknown id and a source", ms)
	}
	for _, c := range []struct {
		m      *store.Meta
		change *store.Change
	}{{ms[0], first}, {ms[2], second}} {
		m := c.m
		if m == nil || m.Version != 1 || m.CreatedBy != c.change.Actor || m.UpdatedBy != c.change.Actor ||
			!m.CreatedAt.Equal(c.change.At) || !m.UpdatedAt.Equal(c.change.At) {
			t.Errorf("meta = %+v, want version 1 created and updated by %s at %v", m, c.change.Actor, c.change.At)
		}
	}
	if e := entity(t, s, "rome"); e == nil || e.Labels.Pick("en") != "Rome" {
		t.Fatalf("rome after its creation = %+v", e)
	}
	rs, err := s.RelationsOf(ctx(), []string{"paris"}, store.RelationFilter{})
	ok(t, err)
	if got := relationIDs(rs["paris"]); !slices.Equal(got, []string{"rome-paris"}) {
		t.Fatalf("relations of paris = %v, want [rome-paris]", got)
	}
}

// testWriteUpdates checks an update at the current version: version 2,
// the element before and after in the change, and the new content served.
func testWriteUpdates(t *testing.T, s store.Store) {
	seeded(t, s)
	if m := meta(t, s, "croatia"); m == nil || m.Version != 1 {
		t.Fatalf("meta of an imported entity = %+v, want version 1", m)
	}
	c := write(t, s, &store.Edit{Actor: editor, Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", "Republic of Croatia (renamed)")}}, Expect: map[string]int64{"croatia": 1}})
	if c.Seq != 2 || len(c.Elements) != 1 {
		t.Fatalf("change = seq %d with %v, want seq 2 (after the import) with croatia", c.Seq, elementIDs(c))
	}
	e := c.Elements[0]
	if e.ID != "croatia" || e.Version != 2 || !strings.Contains(string(e.Before), `"Croatia"`) || !strings.Contains(string(e.After), "(renamed)") {
		t.Fatalf("element change = %s v%d before %s after %s, want croatia v2 from its old label to its new", e.ID, e.Version, e.Before, e.After)
	}
	m := meta(t, s, "croatia")
	if m == nil || m.Version != 2 || m.UpdatedBy != editor || !m.UpdatedAt.Equal(c.At) || m.CreatedBy != importActor {
		t.Fatalf("meta after the update = %+v, want version 2 updated by %s at %v, created by %s", m, editor, c.At, importActor)
	}
	if got := entity(t, s, "croatia").Labels.Pick("en"); got != "Republic of Croatia (renamed)" {
		t.Fatalf("label after the update = %q", got)
	}
	hits, err := s.Search(ctx(), store.SearchQuery{Text: "renamed"})
	ok(t, err)
	if len(hits) != 1 || hits[0].ID != "croatia" {
		t.Fatalf("search for the new label = %v, want [croatia]", entityIDs(hits))
	}
}

// testWriteConflicts checks the edits refused because the graph is not
// as they expect, each leaving everything as it was.
func testWriteConflicts(t *testing.T, s store.Store) {
	seeded(t, s)
	write(t, s, &store.Edit{Actor: editor, Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "serbia", "Serbia, once")}}, Expect: map[string]int64{"serbia": 1}})
	tests := []struct {
		name string
		e    store.Edit
		code string
		want []string // fragments of the message
		ext  map[string]string
	}{
		{"stale version", store.Edit{Action: "updateEntity",
			Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "serbia", "Serbia, twice")}}, Expect: map[string]int64{"serbia": 1}},
			store.ECONFLICT, []string{"serbia", "version 2"}, map[string]string{"currentVersion": "2"}},
		{"create of an existing id", store.Edit{Action: "createEntity",
			Put: store.Dataset{Entities: []store.Entity{state("croatia", "Croatia again")}}, Expect: map[string]int64{"croatia": 0}},
			store.ECONFLICT, []string{"croatia", "already exists"}, map[string]string{"currentVersion": "1"}},
		{"delete of an entity with relations", store.Edit{Action: "deleteEntity",
			Delete: []string{"croatia"}, Expect: map[string]int64{"croatia": 1}},
			store.ECONFLICT, append([]string{"croatia", "cascade"}, croatiaRelations...), map[string]string{"orphans": fmt.Sprint(croatiaRelations)}},
		{"stale delete", store.Edit{Action: "deleteRelation",
			Delete: []string{"croatia-co-successor-of-sfry"}, Expect: map[string]int64{"croatia-co-successor-of-sfry": 3}},
			store.ECONFLICT, []string{"croatia-co-successor-of-sfry", "version 1"}, map[string]string{"currentVersion": "1"}},
		{"update of an unknown id", store.Edit{Action: "updateEntity",
			Put: store.Dataset{Entities: []store.Entity{state("atlantis", "Atlantis")}}, Expect: map[string]int64{"atlantis": 1}},
			store.ENOTFOUND, []string{"atlantis"}, nil},
		{"delete of an unknown id", store.Edit{Action: "deleteEntity", Delete: []string{"atlantis"}},
			store.ENOTFOUND, []string{"atlantis"}, nil},
	}
	before := stateOf(t, s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.e.Actor = editor
			_, err := s.Write(ctx(), &tt.e)
			wantCode(t, err, tt.code)
			for _, frag := range tt.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not mention %q", err, frag)
				}
			}
			for key, want := range tt.ext {
				var e *store.Error
				if !errors.As(err, &e) || fmt.Sprint(e.Extensions[key]) != want {
					t.Errorf("extensions = %v, want %s = %s", extensionsOf(err), key, want)
				}
			}
			unchangedSince(t, s, before)
		})
	}
}

// testWriteRejectsInvalid checks that an edit that would leave the graph
// invalid is refused, naming the field, and leaves everything as it was.
func testWriteRejectsInvalid(t *testing.T, s store.Store) {
	seeded(t, s)
	before := stateOf(t, s)
	tests := []struct {
		name string
		e    store.Edit
		want []string
	}{
		{"relation without a citation", store.Edit{Put: store.Dataset{Relations: []store.Relation{
			{ID: "croatia-signed-belgrade", Type: "SIGNED", FromID: "croatia", ToID: "belgrade-declaration"}}}},
			[]string{"croatia-signed-belgrade", "sources", "citation"}},
		{"relation to an unknown entity", store.Edit{Put: store.Dataset{Relations: []store.Relation{
			{ID: "croatia-signed-nothing", Type: "SIGNED", FromID: "croatia", ToID: "nowhere", Sources: cite}}}},
			[]string{"croatia-signed-nothing", `"to"`, "nowhere"}},
		{"unknown kind", store.Edit{Put: store.Dataset{Entities: []store.Entity{
			{ID: "mars", Kind: "planet", Labels: store.Texts{{Lang: "en", Text: "Mars"}}}}}},
			[]string{"mars", "kind", "planet"}},
		{"no English label", store.Edit{Put: store.Dataset{Entities: []store.Entity{
			{ID: "zeta", Kind: "state", Labels: store.Texts{{Lang: "fr", Text: "Zêta"}}}}}},
			[]string{"zeta", "labels", "English"}},
		{"bad id", store.Edit{Put: store.Dataset{Entities: []store.Entity{state("Bad Id", "Bad")}}},
			[]string{"Bad Id", "id"}},
		{"put and delete of one id", store.Edit{Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "slovenia", "Slovenia")}}, Delete: []string{"slovenia"}},
			[]string{"slovenia", "both"}},
		{"no actor", store.Edit{Actor: " ", Put: store.Dataset{Entities: []store.Entity{state("new-state", "New")}}},
			[]string{"actor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.e.Actor == "" {
				tt.e.Actor = editor
			}
			tt.e.Action = "edit"
			_, err := s.Write(ctx(), &tt.e)
			wantCode(t, err, store.EINVALID)
			for _, frag := range tt.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not mention %q", err, frag)
				}
			}
			unchangedSince(t, s, before)
		})
	}
}

// testWriteDeletes checks deletes: a relation alone, and an entity with
// its relations (Cascade), gone from every read afterwards.
func testWriteDeletes(t *testing.T, s store.Store) {
	seeded(t, s)
	c := write(t, s, &store.Edit{Actor: editor, Action: "deleteRelation",
		Delete: []string{"serbia-continuation-of-fry"}, Expect: map[string]int64{"serbia-continuation-of-fry": 1}})
	if got := elementIDs(c); !slices.Equal(got, []string{"relations/serbia-continuation-of-fry"}) || !c.Elements[0].Deleted() || c.Elements[0].Version != 0 {
		t.Fatalf("change of a relation's delete = %v (%+v)", got, c.Elements)
	}
	c = write(t, s, &store.Edit{Actor: editor, Action: "deleteEntity",
		Delete: []string{"croatia"}, Expect: map[string]int64{"croatia": 1}, Cascade: true})
	want := []string{"entities/croatia"}
	for _, id := range croatiaRelations {
		want = append(want, "relations/"+id)
	}
	if got := elementIDs(c); !slices.Equal(got, want) {
		t.Fatalf("change of a cascading delete = %v, want %v", got, want)
	}
	for _, e := range c.Elements {
		if !e.Deleted() || e.Before == nil || e.Version != 0 {
			t.Errorf("element %s: deleted %v, before %s, version %d; want deleted, version 0, with what it was", e.ID, e.Deleted(), e.Before, e.Version)
		}
	}
	gone := append([]string{"croatia", "serbia-continuation-of-fry"}, croatiaRelations...)

	if entity(t, s, "croatia") != nil {
		t.Error("Entities still finds croatia")
	}
	rels, err := s.Relations(ctx(), gone[1:])
	ok(t, err)
	for i, r := range rels {
		if r != nil {
			t.Errorf("Relations still finds %s", gone[1+i])
		}
	}
	if ms, err := s.Metas(ctx(), gone); err != nil || slices.ContainsFunc(ms, func(m *store.Meta) bool { return m != nil }) {
		t.Errorf("Metas of deleted elements = %v (%v), want all nil", ms, err)
	}
	if ex, err := s.Existing(ctx(), store.SectionRelations, gone[1:]); err != nil || len(ex) != 0 {
		t.Errorf("Existing still finds %v (%v)", ex, err)
	}
	ends := []string{"sfr-yugoslavia", "agreement-1955-science-technology", "serbia", "fr-yugoslavia"}
	rs, err := s.RelationsOf(ctx(), ends, store.RelationFilter{})
	ok(t, err)
	for _, id := range ends {
		for _, r := range rs[id] {
			if contains(gone, r.ID) {
				t.Errorf("RelationsOf(%s) still has %s", id, r.ID)
			}
		}
	}
	g, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "sfr-yugoslavia", Depth: 2, Limit: 1000})
	ok(t, err)
	if ids := append(entityIDs(g.Entities), relationIDs(g.Relations)...); slices.ContainsFunc(ids, func(id string) bool { return contains(gone, id) }) {
		t.Errorf("the neighborhood of sfr-yugoslavia still holds some of %v: %v", gone, ids)
	}
	_, err = s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "croatia", Depth: 1})
	wantCode(t, err, store.ENOTFOUND)
	hits, err := s.Search(ctx(), store.SearchQuery{Text: "croatia"})
	ok(t, err)
	if contains(entityIDs(hits), "croatia") {
		t.Errorf("Search still finds croatia: %v", entityIDs(hits))
	}
	all, err := s.ListEntities(ctx(), store.EntityQuery{First: store.MaxPageSize})
	ok(t, err)
	if contains(entityIDs(all.Entities), "croatia") || all.TotalCount != len(seededDataset(t).Entities)-1 {
		t.Errorf("ListEntities = %d entities with croatia %v", all.TotalCount, contains(entityIDs(all.Entities), "croatia"))
	}
	page, err := s.ListRelations(ctx(), store.RelationQuery{First: store.MaxPageSize})
	ok(t, err)
	if ids := relationIDs(page.Relations); slices.ContainsFunc(ids, func(id string) bool { return contains(gone, id) }) || page.TotalCount != len(seededDataset(t).Relations)-len(gone)+1 {
		t.Errorf("ListRelations = %d relations, some of them deleted: %v", page.TotalCount, ids)
	}
	timeline, err := s.Timeline(ctx(), store.TimelineQuery{})
	ok(t, err)
	if ids := relationIDs(timeline); slices.ContainsFunc(ids, func(id string) bool { return contains(gone, id) }) {
		t.Errorf("Timeline still has deleted relations: %v", ids)
	}
	path, err := s.ShortestPath(ctx(), store.PathQuery{From: "serbia", To: "fr-yugoslavia", MaxDepth: 1})
	ok(t, err)
	if path != nil {
		t.Errorf("ShortestPath still follows the deleted relation: %v", relationIDs(path.Relations))
	}
	// The ids are free again: a new entity may take one.
	write(t, s, &store.Edit{Actor: editor, Action: "createEntity",
		Put: store.Dataset{Entities: []store.Entity{state("croatia", "Croatia, anew")}}, Expect: map[string]int64{"croatia": 0}})
	if m := meta(t, s, "croatia"); m == nil || m.Version != 1 || m.CreatedBy != editor {
		t.Errorf("meta of an entity created again = %+v, want version 1 created by %s", m, editor)
	}
	if rs, err := s.RelationsOf(ctx(), []string{"croatia"}, store.RelationFilter{}); err != nil || len(rs["croatia"]) != 0 {
		t.Errorf("an entity created again has relations %v (%v)", rs["croatia"], err)
	}
}

// testWriteUnchanged checks an edit that puts what is stored: Seq 0, no
// elements, nothing logged; and that a dry run reports its change without
// making it.
func testWriteUnchanged(t *testing.T, s store.Store) {
	seeded(t, s)
	before := stateOf(t, s)
	c := write(t, s, &store.Edit{Actor: editor, Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{*entity(t, s, "croatia")}}, Expect: map[string]int64{"croatia": 1}})
	if c.Seq != 0 || len(c.Elements) != 0 {
		t.Fatalf("an unchanged put returned seq %d with %v, want seq 0 and no elements", c.Seq, elementIDs(c))
	}
	unchangedSince(t, s, before)
	if m := meta(t, s, "croatia"); m == nil || m.Version != 1 {
		t.Fatalf("meta after an unchanged put = %+v, want version 1", m)
	}
	c = write(t, s, &store.Edit{Actor: editor, Action: "updateEntity", DryRun: true,
		Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", "Croatia, maybe")}}, Expect: map[string]int64{"croatia": 1}})
	if c.Seq != 0 || len(c.Elements) != 1 || c.Elements[0].Version != 2 || !strings.Contains(string(c.Elements[0].After), "maybe") {
		t.Fatalf("a dry run returned seq %d with %+v, want seq 0 and croatia at version 2", c.Seq, c.Elements)
	}
	unchangedSince(t, s, before)
}

// testChangesPaging checks the change log's pages and filters.
func testChangesPaging(t *testing.T, s store.Store) {
	seeded(t, s) // change 1
	var changes []*store.Change
	for i := range 5 { // changes 2 to 6
		time.Sleep(2 * time.Millisecond) // distinct times, for Since and Until
		changes = append(changes, write(t, s, &store.Edit{Actor: editor, Action: "createEntity",
			Put: store.Dataset{Entities: []store.Entity{state(fmt.Sprintf("state-%d", i), fmt.Sprintf("State %d", i))}}}))
	}
	time.Sleep(2 * time.Millisecond)
	rel := write(t, s, &store.Edit{Actor: editor, Action: "createRelation", // change 7
		Put: store.Dataset{Relations: []store.Relation{{ID: "state-1-signed", Type: "SIGNED", FromID: "state-1", ToID: "belgrade-declaration", Sources: cite}}}})
	if got := seqs(allChanges(t, s)); !slices.Equal(got, []int64{1, 2, 3, 4, 5, 6, 7}) {
		t.Fatalf("the log's seqs = %v, want 1 to 7", got)
	}
	tests := []struct {
		name     string
		q        store.ChangeQuery
		want     []int64
		nextPage bool
	}{
		{"first page", store.ChangeQuery{First: 3}, []int64{1, 2, 3}, true},
		{"second page", store.ChangeQuery{After: 3, First: 3}, []int64{4, 5, 6}, true},
		{"last page", store.ChangeQuery{After: 6, First: 3}, []int64{7}, false},
		{"page that ends the log", store.ChangeQuery{After: 4, First: 3}, []int64{5, 6, 7}, false},
		{"after the end", store.ChangeQuery{After: 7}, []int64{}, false},
		{"default page size", store.ChangeQuery{}, []int64{1, 2, 3, 4, 5, 6, 7}, false},
		{"entity", store.ChangeQuery{Entity: "state-1"}, []int64{3, 7}, false},
		{"entity at the other end of a relation", store.ChangeQuery{Entity: "belgrade-declaration"}, []int64{1, 7}, false},
		{"entity, paged", store.ChangeQuery{Entity: "state-1", First: 1}, []int64{3}, true},
		{"since", store.ChangeQuery{Since: changes[3].At}, []int64{5, 6, 7}, false},
		{"until", store.ChangeQuery{Until: changes[1].At}, []int64{1, 2, 3}, false},
		{"since and until", store.ChangeQuery{Since: changes[1].At, Until: changes[2].At}, []int64{3, 4}, false},
		{"since and until, paged", store.ChangeQuery{Since: changes[0].At, Until: rel.At, After: 2, First: 2}, []int64{3, 4}, true},
		{"no entity's changes", store.ChangeQuery{Entity: "atlantis"}, []int64{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.Changes(ctx(), tt.q)
			ok(t, err)
			if got := seqs(page.Changes); !slices.Equal(got, tt.want) || page.HasNextPage != tt.nextPage {
				t.Fatalf("Changes(%+v) = %v (more: %v), want %v (more: %v)", tt.q, got, page.HasNextPage, tt.want, tt.nextPage)
			}
		})
	}
	wantFailures(t, s.Changes, []failure[store.ChangeQuery]{
		{"negative after", store.ChangeQuery{After: -1}, store.EINVALID, "after"},
		{"page too large", store.ChangeQuery{First: store.MaxPageSize + 1}, store.EINVALID, "first"},
		{"negative page", store.ChangeQuery{First: -1}, store.EINVALID, "first"},
		{"until before since", store.ChangeQuery{Since: changes[2].At, Until: changes[0].At}, store.EINVALID, "until"},
	})
}

// testApplyLogsChange checks Apply records a change like any write:
// Action "import", the actor given, metas of what it created.
func testApplyLogsChange(t *testing.T, s store.Store) {
	d := seededDataset(t)
	_, err := s.Apply(ctx(), d, store.ApplyOptions{Actor: "loader"})
	ok(t, err)
	log := allChanges(t, s)
	total := len(d.Vocabulary.EntityKinds) + len(d.Vocabulary.RelationTypes) + len(d.Sources) + len(d.Entities) + len(d.Relations)
	if len(log) != 1 || log[0].Seq != 1 || log[0].Action != "import" || log[0].Actor != "loader" || len(log[0].Elements) != total {
		t.Fatalf("log after an import = %d changes, first %+v, want one import by loader of %d elements", len(log), log[0], total)
	}
	if m := meta(t, s, "croatia"); m == nil || m.Version != 1 || m.CreatedBy != "loader" || !m.CreatedAt.Equal(log[0].At) {
		t.Fatalf("meta of an imported entity = %+v, want version 1 created by loader at %v", m, log[0].At)
	}
	res, err := s.Apply(ctx(), d, store.ApplyOptions{})
	ok(t, err)
	if res.Unchanged != total || len(allChanges(t, s)) != 1 {
		t.Fatalf("an import of what is stored = %+v and %d changes, want all unchanged and no new change", res, len(allChanges(t, s)))
	}
	res, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", "Croatia, imported")}}, store.ApplyOptions{})
	ok(t, err)
	log = allChanges(t, s)
	if res.Updated != 1 || len(log) != 2 || log[1].Actor != importActor || log[1].Action != "import" {
		t.Fatalf("an import without an actor = %+v, logged as %+v", res, log[len(log)-1])
	}
	if m := meta(t, s, "croatia"); m == nil || m.Version != 2 || m.CreatedBy != "loader" || m.UpdatedBy != importActor {
		t.Fatalf("meta of an entity imported again = %+v, want version 2", m)
	}
	_, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", "Croatia, maybe")}}, store.ApplyOptions{DryRun: true})
	ok(t, err)
	if len(allChanges(t, s)) != 2 {
		t.Fatal("a dry-run import was logged")
	}
}

// testVersionChangesOnWrite checks the graph's version changes with every
// write that changes it, and only then.
func testVersionChangesOnWrite(t *testing.T, s store.Store) {
	seeded(t, s)
	seen := map[string]bool{}
	version := func() string {
		v, err := s.Version(ctx())
		ok(t, err)
		return v
	}
	seen[version()] = true
	edits := []store.Edit{
		{Action: "createEntity", Put: store.Dataset{Entities: []store.Entity{state("new-state", "New")}}, Expect: map[string]int64{"new-state": 0}},
		{Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{state("new-state", "Newer")}}, Expect: map[string]int64{"new-state": 1}},
		{Action: "deleteEntity", Delete: []string{"new-state"}, Expect: map[string]int64{"new-state": 2}},
	}
	for _, e := range edits {
		e.Actor = editor
		write(t, s, &e)
		v := version()
		if seen[v] {
			t.Fatalf("the version after %s is %q, seen before", e.Action, v)
		}
		seen[v] = true
	}
	v := version()
	write(t, s, &store.Edit{Actor: editor, Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{*entity(t, s, "croatia")}}})
	if version() != v {
		t.Fatal("an edit that changed nothing changed the version")
	}
}

// testWriteRace checks concurrent updates based on one version: exactly
// one wins, the others are refused, and none is lost or doubled.
func testWriteRace(t *testing.T, s store.Store) {
	seeded(t, s)
	const writers = 8
	edits := make([]store.Edit, writers)
	for i := range edits {
		edits[i] = store.Edit{Actor: fmt.Sprintf("writer-%d", i), Action: "updateEntity",
			Put:    store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", fmt.Sprintf("Croatia by writer %d", i))}},
			Expect: map[string]int64{"croatia": 1}}
	}
	errs := make([]error, writers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range edits {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = s.Write(ctx(), &edits[i])
		}()
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch store.ErrorCode(err) {
		case "":
			if winner >= 0 {
				t.Fatalf("writers %d and %d both updated version 1", winner, i)
			}
			winner = i
		case store.ECONFLICT:
		default:
			t.Fatalf("writer %d: %v, want success or CONFLICT", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no writer succeeded")
	}
	m := meta(t, s, "croatia")
	if m == nil || m.Version != 2 || m.UpdatedBy != edits[winner].Actor {
		t.Fatalf("meta after the race = %+v, want version 2 by %s", m, edits[winner].Actor)
	}
	if got := entity(t, s, "croatia").Labels.Pick("en"); got != fmt.Sprintf("Croatia by writer %d", winner) {
		t.Fatalf("label after the race = %q, want the winner's", got)
	}
	if log := allChanges(t, s); len(log) != 2 {
		t.Fatalf("the log holds %d changes after the race, want the import and the winner's", len(log))
	}
}

func extensionsOf(err error) map[string]any {
	var e *store.Error
	if errors.As(err, &e) {
		return e.Extensions
	}
	return nil
}

// testWriteKindSharingAnEntityID checks that an entity's meta is its own
// when a kind has the same id: editing the kind leaves the entity's
// version alone.
func testWriteKindSharingAnEntityID(t *testing.T, s store.Store) {
	seeded(t, s)
	write(t, s, &store.Edit{Actor: editor, Action: "createEntity",
		Put: store.Dataset{Entities: []store.Entity{state("state", "The state")}}, Expect: map[string]int64{"state": 0}})
	v, err := s.Vocabulary(ctx())
	ok(t, err)
	kind := *v.Kind("state")
	kind.Labels = store.Texts{{Lang: "en", Text: "Sovereign state"}}
	write(t, s, &store.Edit{Actor: "admin", Action: "import", Put: store.Dataset{Vocabulary: store.Vocabulary{EntityKinds: []store.EntityKind{kind}}}})
	if m := meta(t, s, "state"); m == nil || m.Version != 1 || m.UpdatedBy != editor {
		t.Fatalf("the entity's meta after its kind's namesake changed = %+v, want version 1 by %s", m, editor)
	}
	write(t, s, &store.Edit{Actor: editor, Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{state("state", "The state, renamed")}}, Expect: map[string]int64{"state": 1}})
}
