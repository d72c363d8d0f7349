package httpapi

import (
	"bytes"
	"cmp"
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

// DefaultDeadline bounds a request when Config.Deadline is not set: far
// above what any query of the explorer takes, and short enough that a
// server shutting down can wait for every request under way.
const DefaultDeadline = 10 * time.Second

// handleGraphQL serves GraphQL queries over GET and POST.
func handleGraphQL(cfg Config) http.Handler {
	limits := cfg.Limits.withDefaults()
	srv := newGraphQLServer(cfg, limits)
	guard := newStreamGuard(cfg)
	return authenticate(cfg.Auth, cfg.Logger, guard.handler(noteStreaming(cacheReads(cfg.Store, cfg.cacheMaxAge(),
		limitRequest(limits, cfg.Deadline, withBookmarks(checkEnvelope(limits, graph.WithLoaders(cfg.Store, srv))))))))
}

// newGraphQLServer is gqlgen's handler with the service's transports,
// limits and error handling. Extensions that rewrite the request run in
// the order they are added: the persisted query's text is looked up, the
// operation noted for the log, the document measured against the limits,
// and only then parsed, validated and costed by gqlgen.
func newGraphQLServer(cfg Config, limits Limits) *handler.Server {
	s, logger, trusted := cfg.Store, cfg.Logger, cfg.TrustedDocuments
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: s, Logger: logger, Live: cfg.Live, Snapshots: cfg.Snapshots}, Directives: graph.Directives(), Complexity: graph.NewComplexity()}))
	streams := cfg.Streams.withDefaults()
	readLimit := int64(limits.MaxBodyBytes)
	// Subscriptions (and any operation) over graphql-ws or the legacy
	// protocol; streamGuard admitted the connection, connection_init
	// authenticates it.
	srv.AddTransport(transport.Websocket{
		Implementation:        acceptWebsockets{},
		InitFunc:              websocketInit(cfg.Auth, logger, streams),
		InitTimeout:           streams.InitTimeout,
		KeepAlivePingInterval: streams.KeepAlive,
		PingPongInterval:      streams.KeepAlive,
		PayloadReadLimit:      &readLimit,
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	// Before POST, which would take the same requests: a POST that accepts
	// multipart/mixed gets @defer'd fragments as parts after the first,
	// one that accepts text/event-stream gets a subscription's events.
	srv.AddTransport(transport.MultipartMixed{})
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: streams.KeepAlive})
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
	srv.Use(newDocumentLimits(limits))
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.Use(observe.Operations{Tracer: cfg.Tracer, Metrics: cfg.Metrics})
	srv.Use(deadlineCheck{})
	srv.Use(streamOperations{deadline: cmp.Or(cfg.Deadline, DefaultDeadline), limits: streams, store: s, rate: cfg.rateLimiter})
	present := presentTimeouts(graph.ErrorPresenter(logger))
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
	srv.AroundResponses(answerBookmarks)
	srv.Use(graph.SubscriptionEnds{})
	srv.Use(subscriptionsNeedStreams{})
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

// limitRequest gives the request its deadline, which the store honours,
// and refuses bodies over the limit with 413 and a GraphQL error, instead
// of reading without bound. The deadline starts before the body is read,
// so that it covers reading, parsing, validation and execution. The body
// is read here, so that a chunked body of unknown length is measured too.
func limitRequest(limits Limits, deadline time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := r.Context(), context.CancelFunc(func() {})
		if streamOf(ctx) == nil { // streams have limits of their own
			ctx, cancel = context.WithTimeout(ctx, deadline)
		}
		defer cancel()
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
