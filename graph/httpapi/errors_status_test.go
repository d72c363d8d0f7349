package httpapi

import (
	"net/http"
	"testing"

	"kgraph/graph/store"
)

// TestErrorStatus: the plain routes answer each store code with its
// status; only an internal error is a 500.
func TestErrorStatus(t *testing.T) {
	for code, want := range map[string]int{
		store.EINVALID: http.StatusBadRequest, store.ENOTFOUND: http.StatusNotFound, store.ECONFLICT: http.StatusConflict,
		store.EUNAUTHENTICATED: http.StatusUnauthorized, store.EFORBIDDEN: http.StatusForbidden, store.EUNAUTHORIZED: http.StatusForbidden,
		store.EUNAVAILABLE: http.StatusServiceUnavailable, store.ETIMEOUT: http.StatusGatewayTimeout, store.EINTERNAL: http.StatusInternalServerError,
	} {
		if got := errorStatus(code); got != want {
			t.Errorf("%s: %d, want %d", code, got, want)
		}
	}
}
