package storetest

import (
	"testing"
	"time"

	"kgraph/graph/store"
	"kgraph/graph/store/history"
)

// testAsOf checks reads of the graph as it was at a past moment, built
// from the store's change log by package history.
func testAsOf(t *testing.T, s store.Store) {
	seeded(t, s) // change 1
	time.Sleep(2 * time.Millisecond)
	renamedAt := write(t, s, &store.Edit{Actor: editor, Action: "updateEntity", // change 2
		Put: store.Dataset{Entities: []store.Entity{renamed(t, s, "croatia", "Croatia, renamed")}}, Expect: map[string]int64{"croatia": 1}})
	time.Sleep(2 * time.Millisecond)
	write(t, s, &store.Edit{Actor: editor, Action: "createEntity", // change 3
		Put: store.Dataset{Entities: []store.Entity{state("new-state", "New State")}}, Expect: map[string]int64{"new-state": 0}})
	write(t, s, &store.Edit{Actor: editor, Action: "deleteEntity", // change 4
		Delete: []string{"croatia"}, Expect: map[string]int64{"croatia": 2}, Cascade: true})
	current, err := s.Export(ctx())
	ok(t, err)
	h := history.New(s, 2)

	tests := []struct {
		name        string
		asOf        store.AsOf
		croatia     string // its English label then, "" when absent
		newState    bool
		croatiaRels int
		version     int64  // croatia's version then
		updatedBy   string // and who changed it last
	}{
		{"after the import", store.AsOf{Seq: 1}, "Croatia", false, len(croatiaRelations), 1, "import"},
		{"after the update", store.AsOf{Seq: 2}, "Croatia, renamed", false, len(croatiaRelations), 2, editor},
		{"after the create", store.AsOf{Seq: 3}, "Croatia, renamed", true, len(croatiaRelations), 2, editor},
		{"after the delete", store.AsOf{Seq: 4}, "", true, 0, 0, ""},
		{"at the update's time", store.AsOf{Time: renamedAt.At}, "Croatia, renamed", false, len(croatiaRelations), 2, editor},
		{"before the update's time", store.AsOf{Time: renamedAt.At.Add(-time.Nanosecond)}, "Croatia", false, len(croatiaRelations), 1, "import"},
		{"now", store.AsOf{Time: time.Now().Add(time.Hour)}, "", true, 0, 0, ""},
		{"before the log", store.AsOf{Time: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}, "", false, 0, 0, ""},
		{"seq 0", store.AsOf{}, "", false, 0, 0, ""},
		{"after the import, again (cached)", store.AsOf{Seq: 1}, "Croatia", false, len(croatiaRelations), 1, "import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := h.At(ctx(), tt.asOf)
			ok(t, err)
			c := entity(t, g, "croatia")
			switch {
			case tt.croatia == "" && c != nil:
				t.Errorf("croatia is there, want it absent")
			case tt.croatia != "" && (c == nil || c.Labels.Pick("en") != tt.croatia):
				t.Errorf("croatia = %+v, want it labelled %q", c, tt.croatia)
			}
			if tt.version > 0 {
				metas, err := g.Metas(ctx(), []string{"croatia"})
				ok(t, err)
				if m := metas[0]; m == nil || m.Version != tt.version || m.UpdatedBy != tt.updatedBy {
					t.Errorf("croatia's meta = %+v, want version %d, updated by %q", m, tt.version, tt.updatedBy)
				}
			}
			if got := entity(t, g, "new-state") != nil; got != tt.newState {
				t.Errorf("new-state there: %v, want %v", got, tt.newState)
			}
			if tt.croatiaRels > 0 {
				rs, err := g.RelationsOf(ctx(), []string{"croatia"}, store.RelationFilter{})
				ok(t, err)
				if got := relationIDs(rs["croatia"]); len(got) != tt.croatiaRels {
					t.Errorf("croatia's relations = %v, want %d", got, tt.croatiaRels)
				}
				hits, err := g.Search(ctx(), store.SearchQuery{Text: tt.croatia})
				ok(t, err)
				if len(hits) == 0 || hits[0].ID != "croatia" {
					t.Errorf("search for %q = %v, want croatia first", tt.croatia, entityIDs(hits))
				}
			}
			_, err = g.Write(ctx(), &store.Edit{Actor: editor, Action: "createEntity", Put: store.Dataset{Entities: []store.Entity{state("later", "Later")}}})
			if code := store.ErrorCode(err); code != store.EINVALID && code != store.ECONFLICT {
				t.Errorf("a write to a past graph: %v, want it refused", err)
			}
		})
	}
	t.Run("latest is the current graph", func(t *testing.T) {
		g, err := h.At(ctx(), store.AsOf{Seq: 4})
		ok(t, err)
		d, err := g.Export(ctx())
		ok(t, err)
		if asJSON(d) != asJSON(current) {
			t.Fatal("the graph as of the last change differs from the current one")
		}
	})
	t.Run("seq beyond the log", func(t *testing.T) {
		_, err := h.At(ctx(), store.AsOf{Seq: 5})
		wantCode(t, err, store.ENOTFOUND)
	})
	t.Run("the current graph is untouched", func(t *testing.T) {
		if entity(t, s, "croatia") != nil || entity(t, s, "new-state") == nil {
			t.Fatal("reading the past changed the current graph")
		}
	})
}
