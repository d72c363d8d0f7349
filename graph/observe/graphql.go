package observe

import (
	"context"
	"fmt"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Operations is a gqlgen extension that traces each GraphQL operation (a
// span from the start of parsing to the end of the response, parent of
// the store calls' spans) and records its cost. Spans carry the operation's
// name, type and cost and the error codes of its response, never the
// document or the variables.
type Operations struct {
	// Tracer gets the spans; nil traces nothing.
	Tracer trace.TracerProvider
	// Metrics gets the costs; nil records nothing.
	Metrics *Metrics
}

var (
	_ graphql.HandlerExtension     = Operations{}
	_ graphql.OperationInterceptor = Operations{}
	_ graphql.ResponseInterceptor  = Operations{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Operations) ExtensionName() string { return "Observe" }

// Validate implements graphql.HandlerExtension.
func (Operations) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation records the cost of an operation that passed
// validation, once however many responses it streams.
func (o Operations) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if stats := extension.GetComplexityStats(ctx); stats != nil {
		o.Metrics.OperationCost(stats.Complexity)
	}
	return next(ctx)
}

// InterceptResponse wraps the execution of a response in a span.
func (o Operations) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if o.Tracer == nil {
		return next(ctx)
	}
	opCtx := graphql.GetOperationContext(ctx)
	opType, opName := "", opCtx.OperationName
	if opCtx.Operation != nil {
		opType = string(opCtx.Operation.Operation)
		if opName == "" {
			opName = opCtx.Operation.Name
		}
	}
	spanName := "graphql " + opType
	if opName != "" {
		spanName += " " + opName
	}
	attrs := []attribute.KeyValue{attribute.String("graphql.operation.type", opType), attribute.String("graphql.operation.name", opName)}
	if stats := extension.GetComplexityStats(ctx); stats != nil {
		attrs = append(attrs, attribute.Int("kgraph.graphql.cost", stats.Complexity))
	}
	ctx, span := o.Tracer.Tracer(tracerName).Start(ctx, spanName,
		trace.WithTimestamp(opCtx.Stats.OperationStart), trace.WithAttributes(attrs...))
	defer span.End()
	span.AddEvent("parsed", trace.WithTimestamp(opCtx.Stats.Parsing.End))
	span.AddEvent("validated", trace.WithTimestamp(opCtx.Stats.Validation.End))
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		var codesSeen []string
		for _, e := range resp.Errors {
			if c, ok := e.Extensions["code"].(string); ok {
				codesSeen = append(codesSeen, c)
			}
		}
		span.SetAttributes(attribute.StringSlice("kgraph.error.codes", codesSeen))
		span.SetStatus(codes.Error, fmt.Sprintf("%d errors", len(resp.Errors)))
	}
	return resp
}

// JoinTrace makes the spans of a request children of the caller's trace
// when the request carries a W3C traceparent header.
func JoinTrace(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := otel.GetTextMapPropagator().Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
