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

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kgraph/graph"
	"kgraph/graph/store"
)

// DefaultRequestDeadline bounds the time one request may run.
const DefaultRequestDeadline = 30 * time.Second

// handleGraphQL serves GraphQL queries over GET and POST.
func handleGraphQL(cfg Config) http.Handler {
	limits := cfg.Limits.withDefaults()
	srv := newGraphQLServer(cfg.Store, cfg.Logger, limits, cfg.TrustedDocuments)
	return noteStreaming(cacheReads(cfg.Store, cfg.cacheMaxAge(), limitRequest(limits, checkEnvelope(limits, graph.WithLoaders(cfg.Store, srv)))))
}

// newGraphQLServer is gqlgen's handler with the service's transports,
// limits and error handling. Extensions that rewrite the request run in
// the order they are added: the persisted query's text is looked up, the
// operation noted for the log, the document measured against the limits,
// and only then parsed, validated and costed by gqlgen.
func newGraphQLServer(s store.Store, logger *slog.Logger, limits Limits, trusted map[string]string) *handler.Server {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: s, Logger: logger}, Complexity: graph.NewComplexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	// Before POST, which would take the same requests: a POST that accepts
	// multipart/mixed gets @defer'd fragments as parts after the first.
	srv.AddTransport(transport.MultipartMixed{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(limits.MaxTokens)
	if limits.DisableIntrospection {
		// Suggestions ("did you mean ...") would reveal the schema anyway.
		srv.SetDisableSuggestion(true)
	} else {
		srv.Use(extension.Introspection{})
	}
	srv.Use(persistedQueries{trusted: trusted, cache: lru.New[string](1000)})
	srv.Use(operationLog{})
	srv.Use(&deferOnlyWhenStreamed{})
	srv.Use(documentLimits{limits: limits})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	present := graph.ErrorPresenter(logger)
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		info := infoOf(ctx)
		if code, ok := e.Extensions["code"].(string); ok {
			info.noteCode(code)
		}
		if stats := extension.GetComplexityStats(ctx); stats != nil {
			info.noteCost(stats.Complexity)
		}
		return e
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		if stats := extension.GetComplexityStats(ctx); stats != nil {
			infoOf(ctx).noteCost(stats.Complexity)
		}
		return next(ctx)
	})
	srv.AroundResponses(markUncacheable)
	srv.SetRecoverFunc(graph.Recover())
	return srv
}

// operationLog notes the operation's name and the sha256 of its text for
// the access log, which never holds the text or the variables.
type operationLog struct{}

func (operationLog) ExtensionName() string                          { return "OperationLog" }
func (operationLog) Validate(schema graphql.ExecutableSchema) error { return nil }
func (operationLog) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	infoOf(ctx).noteOperation(p.OperationName, sha256Of(p.Query))
	return nil
}

// MutateOperationContext names the operation the document chose, when
// the request did not.
func (operationLog) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation != nil && opCtx.Operation.Name != "" {
		infoOf(ctx).noteOperation(opCtx.Operation.Name, sha256Of(opCtx.RawQuery))
	}
	return nil
}

// limitRequest refuses bodies over the limit with 413 and a GraphQL
// error, instead of reading without bound, and gives the request a deadline
// the store honours. The body is read here, so that a chunked body of
// unknown length is measured too.
func limitRequest(limits Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(limits.MaxBodyBytes)))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, codeRequestTooLarge, fmt.Sprintf("the request body is larger than %d bytes", limits.MaxBodyBytes))
				return
			}
			writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, "the request body could not be read")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ctx, cancel := context.WithTimeout(r.Context(), DefaultRequestDeadline)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
