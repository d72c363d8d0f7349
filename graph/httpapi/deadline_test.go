package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"kgraph/graph/httpapi"
	"kgraph/graph/observe"
	"kgraph/graph/observe/observetest"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/storetest"
)

// endlessPaths is a store whose shortest paths never finish: each walks
// until its context ends, as a walk over a graph far larger than the
// deadline allows would.
type endlessPaths struct{ store.Store }

func (endlessPaths) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	<-ctx.Done()
	return nil, store.ContextError(ctx)
}

// newSlowServer serves the seed, with paths that never finish, under the
// given deadline.
func newSlowServer(t *testing.T, deadline time.Duration, m *observe.Metrics, logs io.Writer) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: endlessPaths{memstoretest.Seeded(t)}, Deadline: deadline, Metrics: m, Logger: slog.New(slog.NewTextHandler(logs, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestQueryPastItsDeadlineTimesOut sends a query whose work never ends to
// a server whose deadline is 200 ms: the answer must come within a second
// of the deadline, coded TIMEOUT, and the timeout be counted.
func TestQueryPastItsDeadlineTimesOut(t *testing.T) {
	const deadline = 200 * time.Millisecond
	m := observe.NewMetrics()
	var logs observetest.Logs
	srv := newSlowServer(t, deadline, m, &logs)

	start := time.Now()
	r := query(t, srv, `{ a: shortestPath(from: "croatia", to: "soviet-union") { length } b: shortestPath(from: "serbia", to: "soviet-union") { length } }`, nil)
	took := time.Since(start)
	t.Logf("answered in %s with %d errors", took, len(r.Errors))
	if took > deadline+time.Second {
		t.Errorf("answered %s after the request started, more than a second past its %s deadline", took, deadline)
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
	data(t, srv, `{ entity(id: "croatia") { id } }`, nil, &d)
	if d.Entity.ID != "croatia" {
		t.Fatalf("after a timeout: %+v", d)
	}

	// A timeout is the client's to act on, not an internal error to log.
	srv.Close() // waits for the handlers, the last log lines written
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a timeout was logged as an error:\n%.2000s", logs.String())
	}
}

// TestOneCostlyTraversalStopsAtTheDeadline checks that a walk checks its
// deadline as it goes, not only before it starts: its context passes the
// first check and has expired at the next one, so a walk that checked only
// once would finish and return a path.
func TestOneCostlyTraversalStopsAtTheDeadline(t *testing.T) {
	s := memstoretest.Open(t)
	if _, err := s.Apply(context.Background(), storetest.Synthetic(2_000, 4), store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		walk func(ctx context.Context) error
	}{
		{"shortest path", func(ctx context.Context) error {
			_, err := s.ShortestPath(ctx, store.PathQuery{From: "e000000", To: "e001999", MaxDepth: 10})
			return err
		}},
		{"neighbourhood", func(ctx context.Context) error {
			_, err := s.Neighborhood(ctx, store.NeighborhoodQuery{ID: "e000000", Depth: 4, Limit: store.MaxNeighborhoodLimit})
			return err
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The walk runs in full with a context that never expires...
			if err := tt.walk(context.Background()); err != nil {
				t.Fatal(err)
			}
			// ...and stops, coded TIMEOUT, with one that expires after its first check.
			ctx := &expiresAfterChecks{Context: context.Background(), checks: 1}
			if err := tt.walk(ctx); store.ErrorCode(err) != store.ETIMEOUT {
				t.Fatalf("%v, want %s", err, store.ETIMEOUT)
			}
		})
	}
}

// expiresAfterChecks is a context whose deadline passes once Err has been
// asked a given number of times.
type expiresAfterChecks struct {
	context.Context
	mu     sync.Mutex
	checks int
}

func (c *expiresAfterChecks) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.checks > 0 {
		c.checks--
		return nil
	}
	return context.DeadlineExceeded
}
