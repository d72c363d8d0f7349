package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kgraph/graph/live"
	"kgraph/graph/live/livetest"
	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/seed"
)

// neo4jReplica opens a store of its own (its own driver and bookmark
// manager, as a replica has) on the test database.
func neo4jReplica(t *testing.T, e neo4jtest.Env) store.Store {
	t.Helper()
	s, err := neo4jstore.Open(context.Background(), neo4jstore.Config(e))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestNeo4jReplicasBookmarksAndLiveUpdates: two servers, each with its
// own driver on one Neo4j database. A write through one returns its
// bookmarks; a read through the other that sends them sees the write; a
// malformed bookmark is INVALID; and a subscriber of the second server
// sees the write made through the first.
func TestNeo4jReplicasBookmarksAndLiveUpdates(t *testing.T) {
	e := neo4jtest.Reset(t)
	first := neo4jReplica(t, e)
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	second := neo4jReplica(t, e)
	f, _ := livetest.Run(t, second, live.Options{})
	writer := newWriteServer(t, first, nil)
	reader := newWriteServer(t, second, f)
	events := subscribeSSE(t, reader, `subscription { graphChanged(entity: "test-neo-summit") { change { action } entities { id name } } }`)
	livetest.Subscribed(t, f, 1)

	w := gqlAs(t, writer, editorKey, createEntity, map[string]any{"e": newEvent("test-neo-summit", "Neo summit")}, nil)
	bookmarks, _ := w.Extensions["bookmarks"].([]any)
	if len(w.Errors) > 0 || len(bookmarks) == 0 {
		t.Fatalf("a write's answer: %s %+v %v", w.Data, w.Errors, w.Extensions)
	}
	var sent []string
	for _, b := range bookmarks {
		sent = append(sent, b.(string))
	}
	r := gqlAs(t, reader, "", `{ entity(id: "test-neo-summit") { name version } }`, nil, http.Header{"Kg-Bookmarks": {strings.Join(sent, ",")}})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"name":"Neo summit","version":1`) {
		t.Fatalf("a read through the other replica with the bookmarks: %s %+v", r.Data, r.Errors)
	}
	if r := gqlAs(t, reader, "", `{ entity(id: "croatia") { id } }`, nil, http.Header{"Kg-Bookmarks": {"not-a-bookmark"}}); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "INVALID" {
		t.Fatalf("a malformed bookmark: %s %+v", r.Data, r.Errors)
	}
	if ev := string(livetest.Next(t, events)); !strings.Contains(ev, `"action":"createEntity"`) || !strings.Contains(ev, `"name":"Neo summit"`) {
		t.Fatalf("the other replica's subscriber: %s", ev)
	}
}
