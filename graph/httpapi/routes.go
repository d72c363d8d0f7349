package httpapi

import (
	"net/http"

	"kgraph/graph/export"
)

// addRoutes lists every route the service serves, each counted and timed
// under its name at /metrics.
func addRoutes(mux *http.ServeMux, cfg Config) {
	files := frontEnd(cfg)
	m := newMetrics()
	mux.Handle("/graphql", m.instrument("graphql", whenReady(cfg.Ready, handleGraphQL(cfg))))
	mux.Handle("GET /{$}", m.instrument("explorer", handleExplorer(files)))
	mux.Handle("GET /playground", m.instrument("playground", handlePlayground(files)))
	mux.Handle("GET /assets/", m.instrument("assets", handleAssets(files)))
	mux.Handle("GET /export/graph.json", m.instrument("export_cytoscape", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.Cytoscape)))
	mux.Handle("GET /export/graph.graphml", m.instrument("export_graphml", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.GraphML)))
	mux.Handle("GET /export/graph.gexf", m.instrument("export_gexf", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.GEXF)))
	mux.Handle("GET /export/graph.dot", m.instrument("export_dot", handleExport(cfg.Store, cfg.Ready, cfg.Logger, export.DOT)))
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg.Ready))
	mux.Handle("GET /metrics", m.handler())
}
