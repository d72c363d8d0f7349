package httpapi

import (
	"net/http"

	"kgraph/graph/export"
)

// addRoutes lists every route the service serves.
func addRoutes(mux *http.ServeMux, cfg Config) {
	files := frontEnd(cfg)
	mux.Handle("/graphql", whenReady(cfg.Ready, handleGraphQL(cfg.Store, cfg.Logger)))
	mux.Handle("GET /{$}", handleExplorer(files))
	mux.Handle("GET /playground", handlePlayground(files))
	mux.Handle("GET /assets/", handleAssets(files))
	mux.Handle("GET /export/graph.json", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.Cytoscape))
	mux.Handle("GET /export/graph.graphml", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.GraphML))
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg.Ready))
}
