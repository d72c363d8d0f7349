// Package httpapi is the service's HTTP surface: the GraphQL endpoint, the
// playground, the explorer, the exports and the health checks. Its routes
// are listed in one place, routes.go.
package httpapi

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"go.opentelemetry.io/otel/trace"

	"kgraph/graph"
	"kgraph/graph/auth"
	"kgraph/graph/live"
	"kgraph/graph/observe"
	"kgraph/graph/store"
	"kgraph/graph/store/history"
	"kgraph/graph/store/readcache"
)

// Config is what the handlers need.
type Config struct {
	// Store answers every query.
	Store store.Store
	// Logger records requests that fail and internal errors.
	Logger *slog.Logger
	// ReadCache, when not nil, keeps the answers of a store that is not
	// in memory (Neo4j) until the graph changes (see package readcache).
	ReadCache *readcache.Options
	// Readiness says whether the store is ready to serve, and learns it
	// from every store call. While it is not, /readyz answers 503 and so do
	// GraphQL queries and exports, at once, so that nobody is served an
	// empty graph or waits on a database that is down. Nil means always
	// ready.
	Readiness *observe.Readiness
	// Deadline bounds each request, from reading its body to the end of
	// its execution, store calls included (0 means DefaultDeadline).
	// Past it the request ends with a TIMEOUT error.
	Deadline time.Duration
	// Metrics is what /metrics serves; nil gives the handler its own.
	Metrics *observe.Metrics
	// Tracer, when not nil, gets a span per GraphQL operation and per
	// store call.
	Tracer trace.TracerProvider
	// Assets is the built front end: index.html (the explorer),
	// playground.html and assets/ (package main passes the one embedded
	// in the binary by package web). Without index.html, or when nil, /
	// and /playground answer 503 with a page that says how to build it.
	Assets fs.FS
	// AllowedOrigins lists the origins whose pages may call the API from a
	// browser (CORS); "*" allows any. Empty means same-origin only.
	AllowedOrigins []string
	// Limits bound what one GraphQL request may ask for; zero fields take
	// the defaults of DefaultLimits.
	Limits Limits
	// RateLimit bounds the requests of each client; the zero value turns
	// it off.
	RateLimit RateLimit
	// TrustedDocuments, when not nil, are the only GraphQL documents that
	// run, by the sha256 hex of their text (see LoadTrustedDocuments).
	TrustedDocuments map[string]string
	// CacheMaxAge is how long a GET query's answer may be reused without
	// asking again (Cache-Control max-age); zero means
	// DefaultCacheMaxAge, a negative value 0 (always revalidate by ETag).
	CacheMaxAge time.Duration
	// Live announces committed changes to graphChanged subscribers; nil
	// refuses subscriptions with UNAVAILABLE. Its Run belongs to whoever
	// serves the handler (see cli serve).
	Live *live.Follower
	// Snapshots reads the graph as of a past moment (asOf arguments); nil
	// means a history.Reader of Store keeping DefaultSnapshots moments.
	Snapshots graph.Snapshots
	// Auth finds who a request comes from, by its bearer token; nil
	// accepts no token, and then nobody can write (read-only).
	Auth *auth.Authenticator
	// Streams bound subscriptions over WebSocket and server-sent events;
	// zero fields take the defaults of DefaultStreamLimits.
	Streams StreamLimits

	// rateLimiter is RateLimit's state, shared by the requests and the
	// operations of WebSocket connections; set by NewHandler.
	rateLimiter *rateLimiter
}

// cacheMaxAge is CacheMaxAge with its default.
func (c Config) cacheMaxAge() time.Duration {
	switch {
	case c.CacheMaxAge == 0:
		return DefaultCacheMaxAge
	case c.CacheMaxAge < 0:
		return 0
	}
	return c.CacheMaxAge
}

// DefaultSnapshots is how many past moments asOf reads keep built: each
// holds a copy of the graph in memory.
const DefaultSnapshots = 4

// NewHandler returns the service's root handler.
func NewHandler(cfg Config) http.Handler {
	if cfg.Metrics == nil {
		cfg.Metrics = observe.NewMetrics()
	}
	if cfg.Deadline <= 0 {
		cfg.Deadline = DefaultDeadline
	}
	cfg.rateLimiter = newRateLimiter(cfg.RateLimit)
	cfg.Store = observe.Store(cfg.Store, observe.StoreOptions{Metrics: cfg.Metrics, Tracer: cfg.Tracer, Readiness: cfg.Readiness})
	if cfg.Snapshots == nil {
		cfg.Snapshots = history.New(cfg.Store, DefaultSnapshots)
	}
	if m, ok := cfg.Store.(graph.InMemory); cfg.ReadCache != nil && !(ok && m.AnswersInMemory()) {
		// Outside the observed store: its metrics count the calls that
		// reach the database.
		cfg.Store = readcache.New(cfg.Store, *cfg.ReadCache)
	}
	mux := http.NewServeMux()
	addRoutes(mux, cfg)
	var h http.Handler = identifyRequest(logRequests(cfg.Logger, recoverPanics(cfg.Logger, secureHeaders(limitRate(cfg.rateLimiter, compress(allowCrossOrigin(cfg.AllowedOrigins, routeErrors(mux))))))))
	if cfg.Tracer != nil {
		h = observe.JoinTrace(h)
	}
	return withMetrics(cfg.Metrics, h)
}

// withMetrics lets any handler count a refused request with
// observe.Rejected(ctx, reason).
func withMetrics(m *observe.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(observe.WithMetrics(r.Context(), m)))
	})
}

// recoverPanics answers 500 with an INTERNAL error that names the request
// id, and logs the panic, when a handler outside GraphQL (which recovers on
// its own) panics.
func recoverPanics(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				msg := graph.Internal(r.Context(), logger, fmt.Errorf("panic in handler: %v\n%s", p, debug.Stack()), "path", r.URL.Path)
				writeCodedError(w, r, http.StatusInternalServerError, store.EINTERNAL, msg)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
