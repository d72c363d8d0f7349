package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"kgraph/graph/store"
)

// handleHealthz answers 200 while the process is up: a liveness check.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// handleReadyz answers 200 when the store can serve queries and 503 with the
// reason when it cannot (Neo4j unreachable, still starting): a readiness check.
func handleReadyz(ready func(context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkReady(r.Context(), ready); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": store.ErrorMessage(err)})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

// whenReady answers GraphQL requests with an UNAVAILABLE error and 503
// until the store is ready.
func whenReady(ready func(context.Context) error, next http.Handler) http.Handler {
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

func checkReady(ctx context.Context, ready func(context.Context) error) error {
	if ready == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := ready(ctx); err != nil {
		if store.ErrorCode(err) == store.EINTERNAL {
			return store.Errorf(store.EUNAVAILABLE, "the store is unreachable")
		}
		return err
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
