// Package httpapi is the service's HTTP surface: the GraphQL endpoint, the
// playground, the explorer, the exports and the health checks. Its routes
// are listed in one place, routes.go.
package httpapi

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"kgraph/graph"
	"kgraph/graph/store"
)

// Config is what the handlers need.
type Config struct {
	// Store answers every query.
	Store store.Store
	// Logger records requests that fail and internal errors.
	Logger *slog.Logger
	// Ready reports whether the store is ready to serve, and why not.
	// Until it is, /readyz answers 503 and so do GraphQL queries and
	// exports, so that nobody is served an empty or stale graph. Nil means
	// always ready.
	Ready func(context.Context) error
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

// NewHandler returns the service's root handler.
func NewHandler(cfg Config) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, cfg)
	return identifyRequest(logRequests(cfg.Logger, recoverPanics(cfg.Logger, secureHeaders(limitRate(cfg.RateLimit, compress(allowCrossOrigin(cfg.AllowedOrigins, routeErrors(mux))))))))
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
