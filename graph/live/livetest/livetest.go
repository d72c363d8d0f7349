// Package livetest runs a change-log follower for tests and subscribes to
// graphChanged over server-sent events, as a browser's EventSource would.
package livetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"kgraph/graph/live"
	"kgraph/graph/store"
)

// Interval is how often the tests' followers read the log.
const Interval = 20 * time.Millisecond

// Run starts a follower of s, as serve does, waits until it has found the
// log's end, and stops it when the test ends.
func Run(t testing.TB, s store.Store, opts live.Options) (f *live.Follower, stop func()) {
	t.Helper()
	if opts.Interval == 0 {
		opts.Interval = Interval
	}
	f = live.New(s, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	stop = func() {
		cancel()
		<-done
	}
	t.Cleanup(stop)
	select {
	case <-f.Ready():
	case <-time.After(5 * time.Second):
		t.Fatal("the follower did not find the log's end within 5s")
	}
	return f, stop
}

// Subscribed waits until f has n subscribers: a subscription is registered
// once its operation runs, after its response has begun.
func Subscribed(t testing.TB, f *live.Follower, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); f.Subscribers() < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d subscribers, want %d", f.Subscribers(), n)
		}
	}
}

// SubscribeSSE POSTs a subscription to url (a /graphql endpoint) asking
// for server-sent events, and returns the payloads of its "next" events
// as they come; the channel is closed when the stream ends.
func SubscribeSSE(t testing.TB, url, query string) <-chan []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		t.Fatalf("subscribe: status %d", resp.StatusCode)
	}
	events := make(chan []byte, 16)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			if e, ok := strings.CutPrefix(line, "event: "); ok {
				event = e
			} else if d, ok := strings.CutPrefix(line, "data: "); ok && event == "next" {
				events <- []byte(d)
			}
		}
	}()
	return events
}

// Next is the next event, failing the test when none comes within 5s or
// the stream ends.
func Next(t testing.TB, events <-chan []byte) []byte {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return nil
}
