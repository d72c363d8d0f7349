// Package httpapi is the service's HTTP surface: the GraphQL endpoint, the
// playground, the explorer, the exports and the health checks. Its routes
// are listed in one place, routes.go.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"

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
}

// NewHandler returns the service's root handler.
func NewHandler(cfg Config) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, cfg)
	return recoverPanics(cfg.Logger, logRequests(cfg.Logger, compress(allowCrossOrigin(cfg.AllowedOrigins, mux))))
}

// recoverPanics answers 500 with no detail, and logs the panic, when a
// handler outside GraphQL (which recovers on its own) panics.
func recoverPanics(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				logger.ErrorContext(r.Context(), "panic in handler", "panic", p, "path", r.URL.Path)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
