package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"kgraph/graph/live/livetest"
	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// twoReplicas starts two service processes on one Neo4j, as two replicas
// behind a load balancer would run: a, which seeds the empty database, and
// then b, with the settings bEnv too.
func twoReplicas(t *testing.T, bEnv map[string]string) (a, b *process) {
	t.Helper()
	env := neo4jtest.Reset(t).Vars()
	env["KG_API_KEYS"] = editorKeys
	env["KG_RATE_LIMIT"] = "0"
	a = startProcess(t, env)
	maps.Copy(env, bEnv)
	b = startProcess(t, env)
	return a, b
}

// bookmarksOf returns the bookmarks a write's answer carries in
// extensions.bookmarks.
func bookmarksOf(t *testing.T, a answer) []string {
	t.Helper()
	var bookmarks []string
	if err := json.Unmarshal(a.Extensions["bookmarks"], &bookmarks); err != nil || len(bookmarks) == 0 {
		t.Fatalf("a write's answer carries no extensions.bookmarks: %s (extensions %s)", a, a.Extensions)
	}
	return bookmarks
}

// TestReplicaReadsAWriteOfAnotherNeo4j writes through one replica and
// reads through the other with the bookmarks the write returned: the read
// sees the write, where one without them is answered from the replica's
// read cache, which has not looked for changes yet.
func TestReplicaReadsAWriteOfAnotherNeo4j(t *testing.T) {
	a, b := twoReplicas(t, map[string]string{"KG_READ_CACHE": "1h"})
	const query = `{ entity(id: "replicated-event") { id version labels { text } } }`
	reader := newClient(b.base, "")
	if before := reader.must(t, query, nil, nil); string(before.Data) != `{"entity":null}` {
		t.Fatalf("before the write, b reads %s", before.Data)
	}
	write, err := newClient(a.base, editorKey).post(createEntityOp, map[string]any{"e": entityInput("replicated-event", "Replicated event")}, nil)
	if err != nil || !write.acknowledged() {
		t.Fatalf("write through a: %v %s\n%s", err, write, a.logs)
	}
	bookmarks := bookmarksOf(t, write)

	if stale := reader.must(t, query, nil, nil); string(stale.Data) != `{"entity":null}` {
		t.Fatalf("without bookmarks, b did not answer from its cache (so the test cannot tell that bookmarks reach the database): %s", stale.Data)
	}
	read, err := reader.post(query, nil,
		http.Header{"Kg-Bookmarks": {strings.Join(bookmarks, ",")}})
	if err != nil || !read.acknowledged() || !strings.Contains(string(read.Data), `"Replicated event"`) {
		t.Fatalf("read through b with the write's bookmarks %q: %v %s\n%s", bookmarks, err, read, b.logs)
	}
}

// TestMalformedBookmarkRefusedNeo4j sends bookmarks no write ever
// returned: each request is refused with INVALID, never an internal
// error, and never answered as if it had carried none.
func TestMalformedBookmarkRefusedNeo4j(t *testing.T) {
	env := neo4jtest.Reset(t).Vars()
	base, logs, _ := startServer(t, env)
	waitStatus(t, base+"/readyz", http.StatusOK, time.Minute, logs)
	reader := newClient(base, "")
	for _, bad := range []string{"not-a-bookmark", "FB:%%%", strings.Repeat("x", 10000)} {
		got, err := reader.post(`{ entity(id: "croatia") { id } }`, nil, http.Header{"Kg-Bookmarks": {bad}})
		switch {
		case err != nil:
			t.Fatalf("KG-Bookmarks: %.40s...: %v", bad, err)
		case got.code() != "INVALID" || strings.Contains(string(got.Data), "croatia"):
			t.Errorf("KG-Bookmarks: %.40s...: %s, want INVALID and no answer", bad, got)
		case strings.Contains(got.Errors[0].Message, "Neo"):
			t.Errorf("KG-Bookmarks: %.40s...: the message shows the database's detail: %s", bad, got)
		}
	}
}

// TestReplicaAnnouncesAWriteOfAnotherNeo4j subscribes to graphChanged on
// one replica and writes through the other: each write reaches the
// subscriber, as the replica follows the change log. It reports how long
// that took, from the write's request and from its acknowledgment to the
// event.
func TestReplicaAnnouncesAWriteOfAnotherNeo4j(t *testing.T) {
	const writes = 10
	a, b := twoReplicas(t, nil)
	events := livetest.SubscribeSSE(t, b.base+"/graphql", `subscription { graphChanged { change { seq action } entities { id version } deletedIds } }`)
	time.Sleep(300 * time.Millisecond) // the subscription's resolver starts following once the stream has begun

	editor := newClient(a.base, editorKey)
	// How long from the write's request, and from its acknowledgment
	// (which may arrive after the event: both follow the commit), to the
	// event on the other replica.
	var fromSent, fromAck []time.Duration
	for i := range writes {
		id := fmt.Sprintf("announced-event-%d", i)
		sent := time.Now()
		w := mustWritten(t, editor.must(t, createEntityOp, map[string]any{"e": entityInput(id, "Announced event")}, nil))
		acked := time.Now()
		seen := awaitAnnouncement(t, events, id, w.Change.Seq, b)
		fromSent, fromAck = append(fromSent, seen.Sub(sent)), append(fromAck, seen.Sub(acked))
		time.Sleep(100 * time.Millisecond)
	}
	for i, delays := range [][]time.Duration{fromSent, fromAck} {
		name := []string{"request", "acknowledgment"}[i]
		slices.Sort(delays)
		t.Logf("replica delay, from a write's %s through a to graphChanged on b, %d writes: min %s, median %s, max %s",
			name, writes, delays[0].Round(time.Millisecond), delays[writes/2].Round(time.Millisecond), delays[writes-1].Round(time.Millisecond))
	}
}

// awaitAnnouncement waits for the next event, which must announce change
// seq, creating entity id (only the test writes, one change at a time),
// and returns when it arrived.
func awaitAnnouncement(t *testing.T, events <-chan []byte, id string, seq int64, b *process) time.Time {
	t.Helper()
	timeout := time.After(10 * time.Second) // generous: a replica that follows the change log at all does so far sooner
	for {
		select {
		case raw, ok := <-events:
			at := time.Now()
			if !ok {
				t.Fatalf("the subscription ended before change %d\n%s", seq, b.logs)
			}
			var e answer
			if err := json.Unmarshal(raw, &e); err != nil || len(e.Errors) > 0 {
				t.Fatalf("the subscription streamed %s (%v)", raw, err)
			}
			var got struct {
				GraphChanged struct {
					Change   struct{ Seq int64 }
					Entities []struct {
						ID      string
						Version int64
					}
				}
			}
			if err := json.Unmarshal(e.Data, &got); err != nil {
				t.Fatalf("event: %v: %s", err, raw)
			}
			if got.GraphChanged.Change.Seq != seq || len(got.GraphChanged.Entities) != 1 || got.GraphChanged.Entities[0].ID != id || got.GraphChanged.Entities[0].Version != 1 {
				t.Fatalf("change %d announced %s, want %s at version 1", seq, raw, id)
			}
			return at
		case <-timeout:
			t.Fatalf("no graphChanged on b for change %d (creating %s) within 10s\n%s", seq, id, b.logs)
		}
	}
}
