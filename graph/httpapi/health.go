package httpapi

import (
	"context"
	"encoding/json"
	"net/http"

	"kgraph/graph/observe"
	"kgraph/graph/store"
)

// handleHealthz answers 200 while the process is up: a liveness check.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// handleReadyz answers 200 when the store can serve queries and 503 with the
// reason when it cannot (Neo4j unreachable, still starting): a readiness
// check. It reports the state that the background probe and the store calls
// keep, so polling it costs the database nothing.
func handleReadyz(ready *observe.Readiness) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ready == nil {
			writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
			return
		}
		if err := ready.Err(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": store.ErrorMessage(err)})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

// whenReady answers GraphQL requests with an UNAVAILABLE error and 503,
// at once, while the store is not ready: during an outage requests fail
// fast instead of piling up behind a database that does not answer.
func whenReady(ready *observe.Readiness, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkReady(r.Context(), ready); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"errors": []any{map[string]any{
				"message": store.ErrorMessage(err), "extensions": map[string]string{"code": store.EUNAVAILABLE},
			}}})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkReady is nil when the store is ready (or readiness is not
// tracked), and counts a refused request otherwise.
func checkReady(ctx context.Context, ready *observe.Readiness) error {
	if ready == nil {
		return nil
	}
	err := ready.Err(ctx)
	if err != nil {
		observe.Rejected(ctx, "unavailable")
	}
	return err
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
