package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kgraph/graph/auth"
	"kgraph/graph/httpapi"
	"kgraph/graph/live"
	"kgraph/graph/store/memstore/memstoretest"
)

// examplesEditorKey is the API key the examples' mutations are sent with.
const examplesEditorKey = "examples-editor-key-0123456789"

// examplesAPI is the API over the seed as kgraph serve runs it: with an
// editor's API key, and a follower of the change log for subscriptions.
type examplesAPI struct {
	*httptest.Server
	follower *live.Follower
}

func examplesServer(t *testing.T) examplesAPI {
	t.Helper()
	s := memstoretest.Seeded(t)
	a, err := auth.New(auth.Config{APIKeys: "docs:editor:" + examplesEditorKey})
	if err != nil {
		t.Fatal(err)
	}
	f := live.New(s, live.Options{Interval: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
	<-f.Ready()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Auth: a, Live: f}))
	t.Cleanup(srv.Close)
	return examplesAPI{Server: srv, follower: f}
}

// subscribe opens a subscription over server-sent events and returns its
// "next" events' payloads as they come, once it is registered (when its
// operation runs, after the response has begun).
func subscribe(t *testing.T, srv examplesAPI, q string) <-chan []byte {
	t.Helper()
	f := srv.follower
	before := f.Subscribers()
	body, _ := json.Marshal(map[string]string{"query": q})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan []byte, 4)
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
	for deadline := time.Now().Add(5 * time.Second); f.Subscribers() == before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the subscription was not registered within 5s")
		}
	}
	return events
}

func nextEvent(t *testing.T, events <-chan []byte) []byte {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("the subscription ended without an event")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return nil
}
