package graph

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"kgraph/graph/store"
)

// TestErrorPresenterKeepsTheStoresCodes: every code the store (and the
// @hasRole directive) raises reaches the client as it is, with its
// message; only a fault of the server becomes INTERNAL, its detail hidden.
func TestErrorPresenterKeepsTheStoresCodes(t *testing.T) {
	present := ErrorPresenter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := WithRequestID(context.Background(), "req-1")
	for _, code := range []string{store.ENOTFOUND, store.EINVALID, store.ECONFLICT, store.EUNAUTHORIZED,
		store.EUNAUTHENTICATED, store.EFORBIDDEN, store.EUNAVAILABLE, store.ETIMEOUT} {
		e := present(ctx, store.Errorf(code, "what to change"))
		if e.Extensions["code"] != code || e.Message != "what to change" {
			t.Errorf("%s presented as %v %q", code, e.Extensions["code"], e.Message)
		}
	}
	for _, err := range []error{store.Errorf(store.EINTERNAL, "a secret detail"), errors.New("a secret detail")} {
		e := present(ctx, err)
		if e.Extensions["code"] != store.EINTERNAL || e.Message != "internal error; request id req-1" {
			t.Errorf("%v presented as %v %q", err, e.Extensions["code"], e.Message)
		}
	}
}
