package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"kgraph/graph"
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
	// queryTimeout bounds the time one request may run.
	queryTimeout = 30 * time.Second
)

// handleGraphQL serves GraphQL queries over GET and POST.
func handleGraphQL(s store.Store, logger *slog.Logger) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: s, Logger: logger}, Complexity: graph.NewComplexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(maxComplexity))
	srv.SetErrorPresenter(graph.ErrorPresenter(logger))
	srv.SetRecoverFunc(graph.Recover(logger))
	return limitRequest(graph.WithLoaders(s, srv))
}

// limitRequest refuses bodies over maxRequestBytes with 413 and a GraphQL
// error, instead of reading without bound, and gives the request a deadline
// the store honours. The body is read here, so that a chunked body of
// unknown length is measured too.
func limitRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
