package neo4jstore

import (
	"testing"

	"kgraph/graph/store"
)

// TestBookmarks follows a request's bookmarks through Neo4j: a write
// returns the bookmark of its commit, a read on another store (another
// replica's driver) given it sees the write, and a bookmark that Neo4j
// never gave is refused as bad input, not as an internal error.
func TestBookmarks(t *testing.T) {
	s := tinyStore(t)
	other := openAnother(t)

	ctx, b := store.WithBookmarks(t.Context(), nil)
	if _, err := s.Entities(ctx, []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if got := b.Written(); len(got) != 0 {
		t.Fatalf("a read gave bookmarks %v, want none", got)
	}
	if _, err := s.Write(ctx, &store.Edit{Actor: "ana", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{state("a", "A written")}}}); err != nil {
		t.Fatal(err)
	}
	written := b.Written()
	if len(written) == 0 {
		t.Fatal("a write gave no bookmark")
	}

	next, _ := store.WithBookmarks(t.Context(), written)
	got, err := other.Entities(next, []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if got[0] == nil || got[0].Labels.Pick("en") != "A written" {
		t.Fatalf("a read after the write's bookmark = %+v", got[0])
	}

	// The first call of a new store, which sets up the schema, too: the
	// bad bookmark fails the request, and the store serves the next one.
	fresh := openUnready(t)
	for _, st := range []*Store{fresh, other} {
		for _, bad := range []string{"not-a-bookmark", written[0] + "x"} {
			ctx, _ := store.WithBookmarks(t.Context(), []string{bad})
			_, err := st.Entities(ctx, []string{"a"})
			if code := store.ErrorCode(err); code != store.EINVALID {
				t.Fatalf("a read given the bookmark %q: %v (code %q), want %s", bad, err, code, store.EINVALID)
			}
		}
	}
	if got, err := fresh.Entities(t.Context(), []string{"a"}); err != nil || got[0] == nil {
		t.Fatalf("a read without bookmarks after bad ones: %v, %v", got, err)
	}
}
