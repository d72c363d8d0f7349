package httpapi

import "net/http"

// addRoutes lists every route the service serves.
func addRoutes(mux *http.ServeMux, cfg Config) {
	mux.Handle("/graphql", whenReady(cfg.Ready, handleGraphQL(cfg.Store, cfg.Logger)))
	mux.Handle("GET /playground", handlePlayground("/graphql"))
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg.Ready))
}
