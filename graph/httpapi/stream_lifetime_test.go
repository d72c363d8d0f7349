package httpapi_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"kgraph/graph/httpapi"
	"kgraph/graph/live"
)

// TestSubscriptionsSayWhyTheStreamEnded: a subscription outlives the
// request deadline, and when its stream reaches its longest life (over
// SSE) or the server shuts down (over WebSocket), its last word says so.
func TestSubscriptionsSayWhyTheStreamEnded(t *testing.T) {
	s := seededStore(t)
	f := follow(t, s)
	done := make(chan struct{})
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: discardLogger(), Live: f,
		Deadline: 100 * time.Millisecond, Streams: httpapi.StreamLimits{MaxDuration: 700 * time.Millisecond, Done: done}}))
	t.Cleanup(srv.Close)

	start := time.Now()
	status, body := postSSE(t, srv, "", `subscription { graphChanged { change { seq } } }`)
	if lived := time.Since(start); status != 200 || lived < 600*time.Millisecond {
		t.Fatalf("status %d after %s:\n%s", status, lived, body)
	}
	if !strings.Contains(body, "STREAM_ENDED") || !strings.Contains(body, "longest a stream may last, 700ms") || !strings.HasSuffix(strings.TrimSpace(body), "event: complete") {
		t.Fatalf("the stream's end does not say why:\n%s", body)
	}

	c := mustDial(t, srv, "graphql-transport-ws", nil)
	c.expect("connection_ack")
	c.send(map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{"query": `subscription { graphChanged { change { seq } } }`}})
	waitSubscribers(t, f, 1)
	time.Sleep(300 * time.Millisecond) // past the request deadline
	close(done)
	if code, reason := c.closed(5 * time.Second); code != 1001 || !strings.Contains(reason, "shutting down") {
		t.Fatalf("closed %d %q", code, reason)
	}
}

// TestARunningSubscriptionIsNotIdle: the idle timeout closes a WebSocket
// without subscriptions only.
func TestARunningSubscriptionIsNotIdle(t *testing.T) {
	s := seededStore(t)
	f := follow(t, s)
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: discardLogger(), Live: f,
		Streams: httpapi.StreamLimits{Idle: 200 * time.Millisecond}}))
	t.Cleanup(srv.Close)
	c := mustDial(t, srv, "graphql-transport-ws", nil)
	c.expect("connection_ack")
	c.send(map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{"query": `subscription { graphChanged { change { seq } } }`}})
	waitSubscribers(t, f, 1)
	time.Sleep(600 * time.Millisecond) // three idle timeouts
	if r := c.run("graphql-transport-ws", "2", `{ entity(id: "croatia") { id } }`); !strings.Contains(string(r.Data), "croatia") {
		t.Fatalf("a connection with a subscription: %s %+v", r.Data, r.Errors)
	}
	c.send(map[string]any{"type": "complete", "id": "1"})
	if code, reason := c.closed(5 * time.Second); code != websocket.StatusNormalClosure || !strings.Contains(reason, "without a subscription") {
		t.Fatalf("closed %d %q", code, reason)
	}
}

// waitSubscribers waits until f has n subscribers: a subscription is
// registered once its operation runs, after the response has begun.
func waitSubscribers(t *testing.T, f *live.Follower, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); f.Subscribers() < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d subscribers, want %d", f.Subscribers(), n)
		}
	}
}
