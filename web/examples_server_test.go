package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"kgraph/graph/auth"
	"kgraph/graph/httpapi"
	"kgraph/graph/live"
	"kgraph/graph/live/livetest"
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
	f, _ := livetest.Run(t, s, live.Options{})
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Auth: a, Live: f}))
	t.Cleanup(srv.Close)
	return examplesAPI{Server: srv, follower: f}
}

// subscribe opens a subscription over server-sent events and returns its
// events, once it is registered.
func subscribe(t *testing.T, srv examplesAPI, q string) <-chan []byte {
	t.Helper()
	n := srv.follower.Subscribers() + 1
	events := livetest.SubscribeSSE(t, srv.URL+"/graphql", q)
	livetest.Subscribed(t, srv.follower, n)
	return events
}
