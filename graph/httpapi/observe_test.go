package httpapi_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"kgraph/graph/httpapi"
	"kgraph/graph/observe"
	"kgraph/graph/observe/observetest"
)

// TestOperationsAndStoreCallsAreTraced runs a named query with tracing on
// and checks the spans: one for the operation, with its name, type and
// cost, and one per store call, each a child of the operation's span.
func TestOperationsAndStoreCallsAreTraced(t *testing.T) {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: seededStore(t), Tracer: tp, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)

	var d any
	data(t, srv, `query Successors { entity(id: "soviet-union") { id relations(direction: OUT) { nodes { id to { id } } } } }`, nil, &d)

	var op tracetest.SpanStub
	byName := map[string][]tracetest.SpanStub{}
	for _, s := range spans.GetSpans() {
		byName[s.Name] = append(byName[s.Name], s)
		if s.Name == "graphql query Successors" {
			op = s
		}
	}
	if op.Name == "" {
		t.Fatalf("no operation span among %v", names(spans.GetSpans()))
	}
	attrs := map[string]any{}
	for _, a := range op.Attributes {
		attrs[string(a.Key)] = a.Value.AsInterface()
	}
	if attrs["graphql.operation.name"] != "Successors" || attrs["graphql.operation.type"] != "query" || attrs["kgraph.graphql.cost"] == nil {
		t.Errorf("operation span attributes: %v", attrs)
	}
	for _, method := range []string{"store.Entities", "store.RelationsOf"} {
		calls := byName[method]
		if len(calls) == 0 {
			t.Errorf("no %s span among %v", method, names(spans.GetSpans()))
		}
		for _, c := range calls {
			if c.Parent.SpanID() != op.SpanContext.SpanID() || c.SpanContext.TraceID() != op.SpanContext.TraceID() {
				t.Errorf("%s span is not a child of the operation's", method)
			}
		}
	}
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name)
	}
	return out
}

// TestStoreAndOperationMetricsMove scrapes /metrics before and after a
// query: the store calls it made are timed by method, its cost recorded.
func TestStoreAndOperationMetricsMove(t *testing.T) {
	m := observe.NewMetrics()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: seededStore(t), Metrics: m, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)
	const calls = `kgraph_store_call_duration_seconds_count{method="Entities",outcome="ok"}`
	const costs = `kgraph_graphql_operation_cost_count`
	if got := observetest.Scrape(t, srv.URL, costs); got != 0 {
		t.Fatalf("%s = %v before any query", costs, got)
	}
	var d any
	data(t, srv, `{ entity(id: "croatia") { id } }`, nil, &d)
	data(t, srv, `{ entity(id: "croatia") { id } }`, nil, &d)
	if got := observetest.Scrape(t, srv.URL, calls); got != 2 {
		t.Errorf("%s = %v after two queries, want 2", calls, got)
	}
	if got := observetest.Scrape(t, srv.URL, costs); got != 2 {
		t.Errorf("%s = %v after two queries, want 2", costs, got)
	}
	r := query(t, srv, `{ neighborhood(id: "no-such-entity") { truncated } }`, nil)
	if len(r.Errors) == 0 {
		t.Fatal("no error for an unknown root")
	}
	if got := observetest.Scrape(t, srv.URL, `kgraph_store_call_duration_seconds_count{method="Neighborhood",outcome="NOT_FOUND"}`); got != 1 {
		t.Errorf("NOT_FOUND neighborhood calls counted: %v, want 1", got)
	}
}
