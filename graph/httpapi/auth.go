package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"kgraph/graph"
	"kgraph/graph/auth"
	"kgraph/graph/store"
)

// authenticate puts the request's principal in its context, from the
// bearer token of its Authorization header. No header is the anonymous
// reader. A token that is refused makes the request anonymous too, so
// that fields needing a role answer UNAUTHENTICATED; why it was refused
// is logged with the request id, never told to the client.
func authenticate(a *auth.Authenticator, logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := a.AuthenticateHeader(r.Header.Get("Authorization"))
		if err != nil {
			logTokenRefused(r.Context(), logger, "header", err)
		}
		if p.Authenticated() {
			infoOf(r.Context()).noteUser(p.Name, p.Role.String())
		}
		next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	})
}

// logTokenRefused records why a token was refused, at INFO: a bad token
// is the client's doing, not a fault of the server.
func logTokenRefused(ctx context.Context, logger *slog.Logger, from string, err error) {
	logger.InfoContext(ctx, "token refused", "request_id", graph.RequestID(ctx), "from", from, "reason", err.Error())
}

// websocketInit authenticates a WebSocket connection by its
// connection_init payload, {"Authorization": "Bearer ..."} or
// {"authToken": "..."} (browsers cannot set headers on a WebSocket),
// with the same Authenticator; without either, the upgrade request's
// header counts. A refused token closes the connection with 4401 and a
// generic reason. A JWT's connection ends when the token expires, and an
// accepted connection starts its idle clock.
func websocketInit(a *auth.Authenticator, logger *slog.Logger, limits StreamLimits) transport.WebsocketInitFunc {
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		p, err := auth.FromContext(ctx), error(nil)
		switch {
		case payload.Authorization() != "":
			p, err = a.AuthenticateHeader(payload.Authorization())
		case payload.GetString("authToken") != "":
			p, err = a.Authenticate(payload.GetString("authToken"))
		}
		if err != nil {
			logTokenRefused(ctx, logger, "connection_init", err)
			ctx = transport.WithWebsocketCloseCode(transport.AppendCloseReason(ctx, "UNAUTHENTICATED: the token was not accepted"), closeUnauthorized)
			return ctx, nil, store.Errorf(store.EUNAUTHENTICATED, "the token was not accepted")
		}
		if p.Authenticated() {
			infoOf(ctx).noteUser(p.Name, p.Role.String())
		}
		if st := streamOf(ctx); st != nil {
			if !p.Expires.IsZero() {
				st.endAfter(time.Until(p.Expires), &streamEnd{closeUnauthorized, "the token expired; reconnect with a new one"})
			}
			st.watchIdle(limits.Idle)
		}
		return auth.WithPrincipal(ctx, p), nil, nil
	}
}
