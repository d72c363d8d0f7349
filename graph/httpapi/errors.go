package httpapi

import (
	"log/slog"
	"net/http"

	"kgraph/graph"
	"kgraph/graph/store"
)

// writeError answers a request outside GraphQL with the error as JSON,
// {"error": {"code": "INVALID", "message": "..."}}, and the status its code
// calls for. The codes are the store's, as GraphQL errors carry them in
// extensions.code; an internal error goes through graph.Internal, as in
// GraphQL: logged once with its detail, shown with the request id only.
func writeError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code, message := store.ErrorCode(err), store.ErrorMessage(err)
	if code == store.EINTERNAL {
		message = graph.Internal(r.Context(), logger, err, "path", r.URL.Path)
	}
	writeCodedError(w, r, errorStatus(code), code, message)
}

// writeCodedError answers a refused or failed request: as a GraphQL
// response on /graphql, and as {"error": {"code", "message"}} elsewhere.
func writeCodedError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	if r.URL.Path == "/graphql" {
		writeGraphQLError(w, r, status, code, message)
		return
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": message}})
}

// errorStatus is the HTTP status for a store error code.
func errorStatus(code string) int {
	switch code {
	case store.EINVALID:
		return http.StatusBadRequest
	case store.ENOTFOUND:
		return http.StatusNotFound
	case store.ECONFLICT:
		return http.StatusConflict
	case store.EUNAUTHENTICATED:
		return http.StatusUnauthorized
	case store.EUNAUTHORIZED, store.EFORBIDDEN:
		return http.StatusForbidden
	case store.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case store.ETIMEOUT:
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}
