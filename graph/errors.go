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

type requestIDKey struct{}

// WithRequestID returns ctx carrying the id of the HTTP request it serves.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the id WithRequestID put in ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Internal is the one place where a fault of the server meets the client:
// it logs the error once, with its detail and the request's id, and
// returns what the client is told, a generic message with that id, by
// which an operator finds the log line.
func Internal(ctx context.Context, logger *slog.Logger, err error, attrs ...any) string {
	id := RequestID(ctx)
	logger.ErrorContext(ctx, "internal error", append([]any{"request_id", id, "err", err}, attrs...)...)
	if id == "" {
		return "internal error"
	}
	return "internal error; request id " + id
}

// ErrorPresenter is the one place where errors become GraphQL errors. A
// store.Error keeps its message and puts its code in extensions.code;
// gqlgen's own parse and validation errors and the request checks' errors
// keep theirs; anything else is an INTERNAL error (see Internal).
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var se *store.Error
		fromStore := errors.As(err, &se)
		switch {
		case fromStore && se.Code != store.EINTERNAL:
			gqlErr.Message = se.Message
			for k, v := range se.Extensions {
				setExtension(gqlErr, k, v)
			}
			setCode(gqlErr, se.Code)
		case !fromStore && gqlErr.Extensions["code"] != nil:
			// A parse, validation or limit error: its message is for the caller.
		default:
			gqlErr.Message = Internal(ctx, logger, err, "path", gqlErr.Path.String())
			gqlErr.Err = nil
			gqlErr.Extensions = map[string]any{"code": store.EINTERNAL}
			if id := RequestID(ctx); id != "" {
				gqlErr.Extensions["requestId"] = id
			}
		}
		return gqlErr
	}
}

func setCode(e *gqlerror.Error, code string) { setExtension(e, "code", code) }

func setExtension(e *gqlerror.Error, key string, value any) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions[key] = value
}

// Recover turns a panic in a resolver into an error, with the stack for
// the log, so that one bad field never takes the server down; the error
// presenter logs it and shows the client an INTERNAL error.
func Recover() graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		return fmt.Errorf("panic in resolver: %v\n%s", p, debug.Stack())
	}
}
