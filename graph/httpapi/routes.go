package httpapi

import (
	"net/http"

	"kgraph/graph/export"
	"kgraph/graph/store"
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

// routeErrors answers a path no route serves (404) and a method a route
// does not answer (405, with the router's Allow header) with a coded JSON
// error like every other refusal, where the router would send plain text.
func routeErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusNotFound:
			writeCodedError(w, r, http.StatusNotFound, store.ENOTFOUND, "no such page or route: "+r.URL.Path)
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", rec.header.Get("Allow"))
			writeCodedError(w, r, http.StatusMethodNotAllowed, codeMethodNotAllowed, r.Method+" is not allowed here; allowed: "+rec.header.Get("Allow"))
		default: // a redirect to the canonical path
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
			_, _ = w.Write(rec.body.Bytes())
		}
	})
}
