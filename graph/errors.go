package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kgraph/graph/store"
)

// ErrorPresenter is the one place where errors become GraphQL errors. A
// store.Error keeps its message and puts its code in extensions.code;
// gqlgen's own parse and validation errors keep theirs; anything else is
// logged and shown as INTERNAL with no detail.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var se *store.Error
		switch {
		case errors.As(err, &se):
			gqlErr.Message = se.Message
			setCode(gqlErr, se.Code)
		case gqlErr.Extensions["code"] != nil:
			// A parse or validation error from gqlgen: its message is for the caller.
		default:
			logger.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
			gqlErr.Message = store.ErrorMessage(err)
			gqlErr.Err = nil
			setCode(gqlErr, store.EINTERNAL)
		}
		return gqlErr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Recover turns a panic in a resolver into an INTERNAL error and logs the
// stack, so that one bad field never takes the server down.
func Recover(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("internal error")
	}
}
