package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kgraph/graph"
	"kgraph/graph/observe"
	"kgraph/graph/store"
)

// Limits of a GraphQL request.
const (
	// maxRequestBytes bounds a request body; a larger one is refused.
	maxRequestBytes = 1 << 20
	// maxComplexity bounds the work one query may ask for, lists counted
	// by their expected length (see graph.NewComplexity), so that a deeply
	// nested query cannot tie the server up.
	maxComplexity = 20000
)

// DefaultDeadline bounds a request when Config.Deadline is not set: far
// above what any query of the explorer takes, and short enough that a
// server shutting down can wait for every request under way.
const DefaultDeadline = 10 * time.Second

// handleGraphQL serves GraphQL queries over GET and POST.
func handleGraphQL(cfg Config) http.Handler {
	s, logger := cfg.Store, cfg.Logger
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: s, Logger: logger}, Complexity: graph.NewComplexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(maxComplexity))
	srv.Use(observe.Operations{Tracer: cfg.Tracer, Metrics: cfg.Metrics})
	srv.Use(deadlineCheck{})
	srv.SetErrorPresenter(presentTimeouts(graph.ErrorPresenter(logger)))
	srv.SetRecoverFunc(graph.Recover(logger))
	return limitRequest(cfg.Deadline, graph.WithLoaders(s, srv))
}

// limitRequest gives the request its deadline, which the store honours,
// and refuses bodies over maxRequestBytes with 413 and a GraphQL error,
// instead of reading without bound. The deadline starts before the body
// is read, so that it covers reading, parsing, validation and execution.
// The body is read here, so that a chunked body of unknown length is
// measured too.
func limitRequest(deadline time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), deadline)
		defer cancel()
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
		if err != nil {
			status, msg := http.StatusBadRequest, "the request body could not be read"
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than %d bytes", maxRequestBytes)
			}
			writeJSON(w, status, map[string]any{"errors": []any{map[string]any{
				"message": msg, "extensions": map[string]string{"code": store.EINVALID},
			}}})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r.WithContext(ctx))
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			observe.Rejected(ctx, "timeout")
		}
	})
}

// presentTimeouts reports an error caused by the request's deadline (or
// by the client going away) as TIMEOUT, not as the INTERNAL or
// UNAVAILABLE error that whatever noticed it made of it.
func presentTimeouts(next graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		if cerr := store.ContextError(ctx); cerr != nil {
			if code := store.ErrorCode(err); code == store.EUNAVAILABLE || code == store.EINTERNAL && !hasCode(err) {
				err = cerr
			}
		}
		return next(ctx, err)
	}
}

// hasCode reports whether err is a GraphQL error that gqlgen already
// coded (a parse or validation error), which keeps its code.
func hasCode(err error) bool {
	var ge *gqlerror.Error
	return errors.As(err, &ge) && ge.Extensions["code"] != nil
}

// deadlineCheck refuses to start executing an operation whose deadline
// passed while it was read, parsed and validated.
type deadlineCheck struct{}

func (deadlineCheck) ExtensionName() string                   { return "Deadline" }
func (deadlineCheck) Validate(graphql.ExecutableSchema) error { return nil }

func (deadlineCheck) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if err := store.ContextError(ctx); err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message: store.ErrorMessage(err), Extensions: map[string]any{"code": store.ETIMEOUT},
		}}})
	}
	return next(ctx)
}
