package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"kgraph/graph/store"
)

// bookmarkingStore is the embedded store with the bookmarks a clustered
// database would add: each write adds one, and each read records those
// the request carries, to show what reached the store.
type bookmarkingStore struct {
	store.Store
	mu   sync.Mutex
	seen [][]string
}

func (s *bookmarkingStore) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	c, err := s.Store.Write(ctx, e)
	if err == nil {
		store.BookmarksFrom(ctx).Add(fmt.Sprintf("bookmark-%d", c.Seq))
	}
	return c, err
}

func (s *bookmarkingStore) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	s.mu.Lock()
	s.seen = append(s.seen, store.BookmarksFrom(ctx).Sent())
	s.mu.Unlock()
	return s.Store.Entities(ctx, ids)
}

func (s *bookmarkingStore) lastSeen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) == 0 {
		return nil
	}
	return s.seen[len(s.seen)-1]
}

// TestBookmarks: the KG-Bookmarks header reaches the store's reads, a
// write's bookmarks come back in extensions.bookmarks, and CORS lets a
// browser send and read them. The embedded store itself has none.
func TestBookmarks(t *testing.T) {
	s := &bookmarkingStore{Store: seededStore(t)}
	srv := newWriteServer(t, s, nil)
	r := gqlAs(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-bookmarked", "Bookmarked")}, nil)
	var created struct{ CreateEntity entityPayload }
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if err := json.Unmarshal(r.Data, &created); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("bookmark-%d", created.CreateEntity.Change.Seq)
	if got := fmt.Sprint(r.Extensions["bookmarks"]); got != "["+want+"]" {
		t.Fatalf("extensions.bookmarks %s, want [%s]", got, want)
	}
	if r := gqlAs(t, srv, "", `{ entity(id: "croatia") { id } }`, nil, nil); r.Extensions["bookmarks"] != nil {
		t.Fatalf("a read has bookmarks: %v", r.Extensions)
	}

	r = gqlAs(t, srv, "", `{ entity(id: "croatia") { id } }`, nil, http.Header{"Kg-Bookmarks": {want + ", other-bookmark"}})
	if len(r.Errors) > 0 || strings.Join(s.lastSeen(), " ") != want+" other-bookmark" {
		t.Fatalf("the store read with bookmarks %v (%+v)", s.lastSeen(), r.Errors)
	}
	tooMany := strings.TrimSuffix(strings.Repeat("b,", 65), ",")
	if r := gqlAs(t, srv, "", `{ entity(id: "croatia") { id } }`, nil, http.Header{"Kg-Bookmarks": {tooMany}}); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "INVALID" {
		t.Fatalf("65 bookmarks: %+v", r)
	}

	plain := newWriteServer(t, seededStore(t), nil)
	if r := gqlAs(t, plain, editorKey, createEntity, map[string]any{"e": newEvent("test-plain", "Plain")}, http.Header{"Kg-Bookmarks": {"ignored"}}); len(r.Errors) > 0 || r.Extensions["bookmarks"] != nil {
		t.Fatalf("the embedded store: %+v", r)
	}

	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, kg-bookmarks")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if allowed := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(allowed, "kg-bookmarks") {
		t.Fatalf("preflight allows %q", allowed)
	}
	get, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?query={languages}", nil)
	get.Header.Set("Origin", "https://app.example")
	resp, err = http.DefaultClient.Do(get)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if exposed := resp.Header.Get("Access-Control-Expose-Headers"); !strings.Contains(exposed, "Kg-Bookmarks") {
		t.Fatalf("exposed headers %q", exposed)
	}
}
