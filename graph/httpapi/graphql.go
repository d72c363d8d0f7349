package httpapi

import (
	"context"
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
	// maxComplexity bounds how many fields one query may ask for, so that a
	// deeply nested query cannot tie the server up.
	maxComplexity = 5000
	// queryTimeout bounds the time one request may run.
	queryTimeout = 30 * time.Second
)

// handleGraphQL serves GraphQL queries over GET and POST.
func handleGraphQL(s store.Store, logger *slog.Logger) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: s, Logger: logger}}))
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

// limitRequest refuses bodies over maxRequestBytes (gqlgen then answers with
// a JSON error instead of reading without bound) and gives the request a
// deadline the store honours.
func limitRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
		defer cancel()
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBytes)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
