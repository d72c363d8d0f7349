package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kgraph/graph/httpapi"
	"kgraph/graph/observe"
	"kgraph/graph/observe/observetest"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/storetest"
)

// newLargeServer serves a synthetic graph of 10,000 entities, where one
// shortest path takes tens of milliseconds, with the given deadline.
func newLargeServer(t *testing.T, deadline time.Duration, m *observe.Metrics, logs io.Writer) *httptest.Server {
	t.Helper()
	s := memstoretest.Open(t)
	if _, err := s.Apply(context.Background(), storetest.Synthetic(10_000, 4), store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Deadline: deadline, Metrics: m, Logger: slog.New(slog.NewTextHandler(logs, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv
}

// costlyQuery asks for n shortest paths across the large graph: seconds
// of work in all, each path within the query's cost limit.
func costlyQuery(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, ` p%d: shortestPath(from: "e%06d", to: "e009999", maxDepth: 10) { entities { id } }`, i, i)
	}
	b.WriteString(" }")
	return b.String()
}

// TestQueryPastItsDeadlineTimesOut sends a query whose work takes seconds
// (about 12 s of CPU) to a server whose deadline is 200 ms: the answer must
// come soon after the deadline, coded TIMEOUT, and the timeout be counted.
// On an idle machine it comes 0.2-0.3 s after the deadline; the bound, 2 s,
// leaves room for a busy shared one and still fails when the work runs on.
func TestQueryPastItsDeadlineTimesOut(t *testing.T) {
	const deadline = 200 * time.Millisecond
	m := observe.NewMetrics()
	var logs bytes.Buffer
	srv := newLargeServer(t, deadline, m, &logs)

	start := time.Now()
	r := query(t, srv, costlyQuery(300), nil)
	took := time.Since(start)
	t.Logf("answered in %s with %d errors", took, len(r.Errors))
	if took > deadline+2*time.Second {
		t.Errorf("answered %s after the request started, more than 2 s past its %s deadline", took, deadline)
	}
	if len(r.Errors) == 0 {
		t.Fatalf("no error after %s: the query ran to completion", took)
	}
	for _, e := range r.Errors {
		if e.Extensions["code"] != store.ETIMEOUT {
			t.Fatalf("error %+v, want every error coded %s", e, store.ETIMEOUT)
		}
	}
	if got := observetest.Scrape(t, srv.URL, `kgraph_rejected_requests_total{reason="timeout"}`); got != 1 {
		t.Errorf("timeouts counted: %v, want 1", got)
	}

	// The same server answers a cheap query at once.
	var d struct{ Entity struct{ ID string } }
	data(t, srv, `{ entity(id: "e000042") { id } }`, nil, &d)
	if d.Entity.ID != "e000042" {
		t.Fatalf("after a timeout: %+v", d)
	}

	// A timeout is the client's to act on, not an internal error to log.
	srv.Close() // waits for the handlers, the last log lines written
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a timeout was logged as an error:\n%.2000s", logs.String())
	}
}

// TestOneCostlyTraversalStopsAtTheDeadline gives a single shortest path a
// deadline far shorter than the walk: the walk itself must stop, since no
// other store call follows it to notice the deadline.
func TestOneCostlyTraversalStopsAtTheDeadline(t *testing.T) {
	s := memstoretest.Open(t)
	if _, err := s.Apply(context.Background(), storetest.Synthetic(10_000, 4), store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	// Ten walks in a row take about ten times one walk; each stopping at a
	// deadline of 1 ms shows the check happens inside the walk.
	q := store.PathQuery{From: "e000000", To: "e009999", MaxDepth: 10}
	start := time.Now()
	for i := range 10 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		_, err := s.ShortestPath(ctx, q)
		cancel()
		if store.ErrorCode(err) != store.ETIMEOUT {
			t.Fatalf("walk %d: %v, want %s", i, err, store.ETIMEOUT)
		}
	}
	full := time.Now()
	if _, err := s.ShortestPath(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if stopped, whole := full.Sub(start)/10, time.Since(full); stopped*4 > whole {
		t.Errorf("a walk stopped at its deadline took %s, a whole walk %s: the deadline did not stop it early", stopped, whole)
	}
}
