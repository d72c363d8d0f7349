package httpapi

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// subscriptionsNeedStreams refuses a subscription sent as a plain request
// (GET, or POST without Accept: text/event-stream), which could carry one
// event at most and would wait for it until the deadline.
type subscriptionsNeedStreams struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = subscriptionsNeedStreams{}

func (subscriptionsNeedStreams) ExtensionName() string                   { return "SubscriptionsNeedStreams" }
func (subscriptionsNeedStreams) Validate(graphql.ExecutableSchema) error { return nil }

func (subscriptionsNeedStreams) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Subscription && streamOf(ctx) == nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{codedError(codeBadRequest,
			"a subscription needs a stream: graphql-ws over a WebSocket at /graphql, or a POST with Accept: text/event-stream")}})
	}
	return next(ctx)
}
