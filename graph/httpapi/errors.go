package httpapi

import (
	"log/slog"
	"net/http"

	"kgraph/graph/store"
)

// writeError answers a request outside GraphQL with the error as JSON,
// {"error": {"code": "INVALID", "message": "..."}}, and the status its code
// calls for. The codes are the store's, as GraphQL errors carry them in
// extensions.code; an internal error is logged and shown without detail.
func writeError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code := store.ErrorCode(err)
	if code == store.EINTERNAL {
		logger.ErrorContext(r.Context(), "internal error", "err", err, "path", r.URL.Path)
	}
	writeJSON(w, errorStatus(code), map[string]any{"error": map[string]string{
		"code": code, "message": store.ErrorMessage(err),
	}})
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
	case store.EUNAUTHORIZED:
		return http.StatusForbidden
	case store.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case store.ETIMEOUT:
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}
