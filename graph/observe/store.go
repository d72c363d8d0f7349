package observe

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"kgraph/graph/store"
)

// StoreOptions says what a wrapped store reports to; each may be nil.
type StoreOptions struct {
	// Metrics gets each call's latency, and the Neo4j session gauge.
	Metrics *Metrics
	// Tracer gets a span per call.
	Tracer trace.TracerProvider
	// Readiness learns from each call whether the store answers.
	Readiness *Readiness
}

// Store wraps s so that every call is traced, timed, and tells readiness
// whether the store answered. It also enforces the caller's deadline at
// the boundary: a call made after the context ended fails at once, and a
// call that fails after the context ended fails with ETIMEOUT, whatever
// the store made of it. A store that timed out is not marked unready (a
// slow query is not an outage); one that reports EUNAVAILABLE is, even
// when the deadline has passed meanwhile (the driver retried until then).
func Store(s store.Store, opts StoreOptions) store.Store {
	tp := opts.Tracer
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	if p, ok := s.(sessionPool); ok && opts.Metrics != nil {
		opts.Metrics.watchPool(p)
	}
	return &observed{s: s, opts: opts, tracer: tp.Tracer(tracerName)}
}

const tracerName = "kgraph/graph/observe"

type observed struct {
	s      store.Store
	opts   StoreOptions
	tracer trace.Tracer
}

// call runs one store method under observation.
func call[T any](o *observed, ctx context.Context, method string, f func(context.Context) (T, error)) (T, error) {
	var zero T
	if err := store.ContextError(ctx); err != nil {
		return zero, err
	}
	ctx, span := o.tracer.Start(ctx, "store."+method, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("kgraph.store.method", method)))
	defer span.End()
	start := time.Now()
	v, err := f(ctx)
	if r := o.opts.Readiness; r != nil {
		switch store.ErrorCode(err) {
		case "", store.ENOTFOUND, store.EINVALID, store.ECONFLICT, store.EUNAUTHORIZED, store.EUNAUTHENTICATED, store.EFORBIDDEN:
			r.Succeeded() // the store answered, if only to say no
		case store.EUNAVAILABLE:
			r.Failed(err)
		}
	}
	if err != nil && ctx.Err() != nil {
		if code := store.ErrorCode(err); code == store.EUNAVAILABLE || code == store.EINTERNAL {
			err = store.ContextError(ctx) // what the caller needs to know
		}
	}
	code := store.ErrorCode(err)
	if o.opts.Metrics != nil {
		outcome := code
		if outcome == "" {
			outcome = "ok"
		}
		o.opts.Metrics.storeLatency.WithLabelValues(method, outcome).Observe(time.Since(start).Seconds())
	}
	if err != nil {
		span.SetAttributes(attribute.String("kgraph.error.code", code))
		if code == store.EINTERNAL || code == store.EUNAVAILABLE {
			span.RecordError(err)
		}
		span.SetStatus(codes.Error, store.ErrorMessage(err))
	}
	return v, err
}

// noValue adapts a method that returns only an error.
func noValue(f func(context.Context) error) func(context.Context) (struct{}, error) {
	return func(ctx context.Context) (struct{}, error) { return struct{}{}, f(ctx) }
}

func (o *observed) Vocabulary(ctx context.Context) (*store.Vocabulary, error) {
	return call(o, ctx, "Vocabulary", o.s.Vocabulary)
}

func (o *observed) SourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, error) {
	return call(o, ctx, "SourceDocuments", func(ctx context.Context) ([]*store.SourceDocument, error) { return o.s.SourceDocuments(ctx, ids) })
}

func (o *observed) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	return call(o, ctx, "Entities", func(ctx context.Context) ([]*store.Entity, error) { return o.s.Entities(ctx, ids) })
}

func (o *observed) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	return call(o, ctx, "ListEntities", func(ctx context.Context) (*store.EntityPage, error) { return o.s.ListEntities(ctx, q) })
}

func (o *observed) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	return call(o, ctx, "Search", func(ctx context.Context) ([]*store.Entity, error) { return o.s.Search(ctx, q) })
}

func (o *observed) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	return call(o, ctx, "ListRelations", func(ctx context.Context) (*store.RelationPage, error) { return o.s.ListRelations(ctx, q) })
}

func (o *observed) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	return call(o, ctx, "RelationsOf", func(ctx context.Context) (map[string][]*store.Relation, error) { return o.s.RelationsOf(ctx, ids, f) })
}

// RelationsOfWithEnds implements store.EndsReader, in one call of the
// wrapped store when it is one.
func (o *observed) RelationsOfWithEnds(ctx context.Context, ids []string, f store.RelationFilter) (*store.WithEnds, error) {
	return call(o, ctx, "RelationsOfWithEnds", func(ctx context.Context) (*store.WithEnds, error) {
		return store.RelationsOfWithEnds(ctx, o.s, ids, f)
	})
}

func (o *observed) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	return call(o, ctx, "Neighborhood", func(ctx context.Context) (*store.Subgraph, error) { return o.s.Neighborhood(ctx, q) })
}

func (o *observed) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	return call(o, ctx, "ShortestPath", func(ctx context.Context) (*store.Path, error) { return o.s.ShortestPath(ctx, q) })
}

func (o *observed) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	return call(o, ctx, "Timeline", func(ctx context.Context) ([]*store.Relation, error) { return o.s.Timeline(ctx, q) })
}

func (o *observed) Export(ctx context.Context) (*store.Dataset, error) {
	return call(o, ctx, "Export", o.s.Export)
}

func (o *observed) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	return call(o, ctx, "Apply", func(ctx context.Context) (*store.ApplyResult, error) { return o.s.Apply(ctx, d, opts) })
}

func (o *observed) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	return call(o, ctx, "Write", func(ctx context.Context) (*store.Change, error) { return o.s.Write(ctx, e) })
}

func (o *observed) Changes(ctx context.Context, q store.ChangeQuery) (*store.ChangePage, error) {
	return call(o, ctx, "Changes", func(ctx context.Context) (*store.ChangePage, error) { return o.s.Changes(ctx, q) })
}

func (o *observed) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	return call(o, ctx, "Metas", func(ctx context.Context) ([]*store.Meta, error) { return o.s.Metas(ctx, ids) })
}

func (o *observed) Ping(ctx context.Context) error {
	_, err := call(o, ctx, "Ping", noValue(o.s.Ping))
	return err
}

func (o *observed) Close() error { return o.s.Close() }

func (o *observed) Existing(ctx context.Context, section string, ids []string) ([]string, error) {
	return call(o, ctx, "Existing", func(ctx context.Context) ([]string, error) { return o.s.Existing(ctx, section, ids) })
}

func (o *observed) ChangesBetween(ctx context.Context, q store.ChangesQuery) (*store.Comparison, error) {
	return call(o, ctx, "ChangesBetween", func(ctx context.Context) (*store.Comparison, error) { return o.s.ChangesBetween(ctx, q) })
}

func (o *observed) Languages(ctx context.Context) ([]string, error) {
	return call(o, ctx, "Languages", o.s.Languages)
}

// AnswersInMemory passes on whether the wrapped store answers in memory
// (graph.InMemory), so that observing a store does not change how the
// loaders call it.
func (o *observed) AnswersInMemory() bool {
	m, ok := o.s.(interface{ AnswersInMemory() bool })
	return ok && m.AnswersInMemory()
}

func (o *observed) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	return call(o, ctx, "Relations", func(ctx context.Context) ([]*store.Relation, error) { return o.s.Relations(ctx, ids) })
}

func (o *observed) Version(ctx context.Context) (string, error) {
	return call(o, ctx, "Version", o.s.Version)
}
