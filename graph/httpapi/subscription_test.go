package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kgraph/graph/live"
	"kgraph/graph/live/livetest"
	"kgraph/graph/store"
)

// follow runs a follower of s until the test ends, as serve does.
func follow(t *testing.T, s store.Store) *live.Follower {
	f, _ := livetest.Run(t, s, live.Options{})
	return f
}

// subscribeSSE subscribes through srv over server-sent events.
func subscribeSSE(t *testing.T, srv *httptest.Server, q string) <-chan []byte {
	return livetest.SubscribeSSE(t, srv.URL+"/graphql", q)
}

// TestSubscriptionSeesWritesThroughAnotherReplica: two servers share one
// store, as replicas share a database; a subscriber of one sees the
// writes made through the other, filtered by entity, with the elements
// as each change left them and the ids it deleted.
func TestSubscriptionSeesWritesThroughAnotherReplica(t *testing.T) {
	s := seededStore(t)
	readerFollower := follow(t, s)
	reader := newWriteServer(t, s, readerFollower)
	writer := newWriteServer(t, s, follow(t, s))
	all := subscribeSSE(t, reader, `subscription { graphChanged { change { seq action } entities { id name version } relations { id from { id } } deletedIds } }`)
	livetest.Subscribed(t, readerFollower, 1)

	ok(t, writer, editorKey, createEntity, map[string]any{"e": newEvent("test-live", "Live")}, nil)
	var got struct {
		Data struct {
			GraphChanged struct {
				Change struct {
					Seq    int
					Action string
				}
				Entities []struct {
					ID, Name string
					Version  int
				}
				Relations  []struct{ ID string }
				DeletedIds []string
			}
		}
	}
	if err := json.Unmarshal(livetest.Next(t, all), &got); err != nil {
		t.Fatal(err)
	}
	if g := got.Data.GraphChanged; g.Change.Action != "createEntity" || len(g.Entities) != 1 || g.Entities[0].Name != "Live" || g.Entities[0].Version != 1 {
		t.Fatalf("the create: %+v", g)
	}

	ok(t, writer, editorKey, createRelation, map[string]any{"r": newRelation("test-live-rel", "test-live", "croatia")}, nil)
	if e := string(livetest.Next(t, all)); !strings.Contains(e, `"test-live-rel"`) || !strings.Contains(e, `"from":{"id":"test-live"}`) {
		t.Fatalf("the relation: %s", e)
	}
	ok(t, writer, editorKey, `mutation { deleteEntity(id: "test-live", version: 1, cascade: true) { deletedIds } }`, nil, nil)
	if e := string(livetest.Next(t, all)); !strings.Contains(e, `"deletedIds":["test-live","test-live-rel"]`) {
		t.Fatalf("the delete: %s", e)
	}
}

// TestAnnouncedElementsCarryTheirChangesVersion: two writes to one entity
// land before the first is announced; each event's entity has the version
// and author its own change gave it, not the entity's latest.
func TestAnnouncedElementsCarryTheirChangesVersion(t *testing.T) {
	s := seededStore(t)
	// Polled every 2 s: both writes below land before the first poll
	// after the subscription, so both events are read after the second.
	f, _ := livetest.Run(t, s, live.Options{Interval: 2 * time.Second})
	srv := newWriteServer(t, s, f)
	events := subscribeSSE(t, srv, `subscription { graphChanged(entity: "croatia") { change { seq elements { id version } } entities { id version updatedAt } } }`)
	livetest.Subscribed(t, f, 1)
	for _, text := range []string{"Erste", "Zweite"} {
		ok(t, srv, editorKey, `mutation($t: String!) { addDescription(id: "croatia", description: {lang: "de", text: $t}) { change { seq } } }`, map[string]any{"t": text}, nil)
	}
	for want := 2; want <= 3; want++ {
		var got struct {
			Data struct {
				GraphChanged struct {
					Change struct {
						Elements []struct {
							ID      string
							Version int
						}
					}
					Entities []struct {
						ID        string
						Version   int
						UpdatedAt string
					}
				}
			}
		}
		if err := json.Unmarshal(livetest.Next(t, events), &got); err != nil {
			t.Fatal(err)
		}
		g := got.Data.GraphChanged
		if len(g.Entities) != 1 || len(g.Change.Elements) != 1 || g.Entities[0].Version != want || g.Change.Elements[0].Version != want || g.Entities[0].UpdatedAt == "" {
			t.Errorf("event %d: %+v", want-1, g)
		}
	}
}

// TestSubscriptionFilteredByEntity: with entity, only the changes that
// touch it are announced.
func TestSubscriptionFilteredByEntity(t *testing.T) {
	s := seededStore(t)
	f := follow(t, s)
	srv := newWriteServer(t, s, f)
	events := subscribeSSE(t, srv, `subscription { graphChanged(entity: "croatia") { change { action } entities { id } relations { id } } }`)
	livetest.Subscribed(t, f, 1)
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-elsewhere", "Elsewhere")}, nil)
	ok(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-to-croatia", "test-elsewhere", "croatia")}, nil)
	if e := string(livetest.Next(t, events)); !strings.Contains(e, `"createRelation"`) || !strings.Contains(e, "test-to-croatia") {
		t.Fatalf("the first change announced is not the one that touches croatia: %s", e)
	}
}

// TestSubscriptionWithoutFollower: a server that announces nothing says so.
func TestSubscriptionWithoutFollower(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	status, body := postSSE(t, srv, "", `subscription { graphChanged { change { seq } } }`)
	if status != http.StatusOK || !strings.Contains(body, "UNAVAILABLE") {
		t.Fatalf("%d %s", status, body)
	}
}

// TestSubscriptionEndedByTheServerSaysWhy: when the follower stops (the
// server is shutting down), the subscription's last event is an error
// saying so, and the stream ends.
func TestSubscriptionEndedByTheServerSaysWhy(t *testing.T) {
	s := seededStore(t)
	f, stop := livetest.Run(t, s, live.Options{})
	srv := newWriteServer(t, s, f)
	events := subscribeSSE(t, srv, `subscription { graphChanged { change { seq } } }`)
	livetest.Subscribed(t, f, 1)
	stop()
	if e := string(livetest.Next(t, events)); !strings.Contains(e, `"code":"UNAVAILABLE"`) || !strings.Contains(e, "shutting down") {
		t.Fatalf("the last event: %s", e)
	}
	select {
	case e, more := <-events:
		if more {
			t.Fatalf("an event after the end: %s", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end")
	}
}

// TestSubscriptionOverWebsocket: graphChanged over both WebSocket
// protocols announces a write made through another server.
func TestSubscriptionOverWebsocket(t *testing.T) {
	s := seededStore(t)
	f := follow(t, s)
	srv := newWriteServer(t, s, f)
	writer := newWriteServer(t, s, follow(t, s))
	for i, protocol := range protocols {
		t.Run(protocol, func(t *testing.T) {
			c := mustDial(t, srv, protocol, nil)
			c.expect("connection_ack")
			start, next := "subscribe", "next"
			if protocol == "graphql-ws" {
				start, next = "start", "data"
			}
			c.send(map[string]any{"type": start, "id": "1", "payload": map[string]any{
				"query": `subscription { graphChanged { change { action } entities { id name } } }`}})
			livetest.Subscribed(t, f, 1)
			id := fmt.Sprintf("test-ws-%d", i)
			ok(t, writer, editorKey, createEntity, map[string]any{"e": newEvent(id, "Over "+protocol)}, nil)
			if m := c.expect(next); !strings.Contains(string(m.Payload), `"id":"`+id+`","name":"Over `+protocol+`"`) {
				t.Fatalf("the event: %s", m.Payload)
			}
			c.send(map[string]any{"type": map[string]string{"subscribe": "complete", "start": "stop"}[start], "id": "1"})
			for deadline := time.Now().Add(5 * time.Second); f.Subscribers() > 0; time.Sleep(5 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the subscription was not ended by the client's stop")
				}
			}
		})
	}
}

// TestSubscriptionNeedsAStream: a subscription sent as a plain request is
// refused at once, not left waiting for an event until the deadline.
func TestSubscriptionNeedsAStream(t *testing.T) {
	s := seededStore(t)
	srv := newWriteServer(t, s, follow(t, s))
	start := time.Now()
	r := gqlAs(t, srv, "", `subscription { graphChanged { change { seq } } }`, nil, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_REQUEST" || !strings.Contains(r.Errors[0].Message, "text/event-stream") || time.Since(start) > 2*time.Second {
		t.Fatalf("after %s: %+v", time.Since(start), r)
	}
}
