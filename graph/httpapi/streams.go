package httpapi

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kgraph/graph"
	"kgraph/graph/observe"
	"kgraph/graph/store"
)

// Streams are the long-lived answers: a WebSocket connection (graphql-ws,
// or the legacy subscriptions-transport-ws protocol) and a server-sent
// events response. They are not bound by the request deadline, which is
// for queries and mutations, but by limits of their own, and one that
// must end says why: a WebSocket closes with a reason, a subscription gets
// a last STREAM_ENDED error before it completes.

// StreamLimits bound the streams. Zero fields take the defaults of
// DefaultStreamLimits.
type StreamLimits struct {
	// PerClient is how many streams one client (an address, as the rate
	// limiter counts them) may hold open at once; more are refused with
	// 429 TOO_MANY_STREAMS.
	PerClient int
	// PerConnection is how many operations may run at once on one
	// WebSocket connection.
	PerConnection int
	// KeepAlive is how often an open stream carries a keep-alive message
	// (graphql-ws ping, the legacy "ka", an SSE comment), so that proxies
	// keep it open and dead clients are noticed.
	KeepAlive time.Duration
	// Idle is how long a WebSocket connection may run no subscription
	// before it is closed.
	Idle time.Duration
	// MaxDuration is how long a stream may stay open; clients reconnect.
	MaxDuration time.Duration
	// InitTimeout is how long a WebSocket connection has to send its
	// connection_init message.
	InitTimeout time.Duration
	// Done, when closed, ends every open stream, saying the server is
	// shutting down (http.Server.RegisterOnShutdown). Nil never closes.
	Done <-chan struct{}
}

// DefaultStreamLimits suit a public server: a few tabs per client, an
// hour per connection.
func DefaultStreamLimits() StreamLimits {
	return StreamLimits{PerClient: 8, PerConnection: 16, KeepAlive: 15 * time.Second, Idle: 5 * time.Minute,
		MaxDuration: time.Hour, InitTimeout: 10 * time.Second}
}

func (l StreamLimits) withDefaults() StreamLimits {
	d := DefaultStreamLimits()
	for _, f := range []struct{ v, d *time.Duration }{{&l.KeepAlive, &d.KeepAlive}, {&l.Idle, &d.Idle}, {&l.MaxDuration, &d.MaxDuration}, {&l.InitTimeout, &d.InitTimeout}} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	if l.PerClient <= 0 {
		l.PerClient = d.PerClient
	}
	if l.PerConnection <= 0 {
		l.PerConnection = d.PerConnection
	}
	return l
}

// WebSocket close codes of the graphql-ws protocol, and RFC 6455's.
const (
	closeNormal       = 1000
	closeGoingAway    = 1001
	closeUnauthorized = 4401
)

// streamEnd is why the server ended a stream: the cause of its context.
type streamEnd struct {
	wsCode  int
	message string
}

func (e *streamEnd) Error() string { return e.message }

// stream is one open stream's state, in its request's context.
type stream struct {
	websocket bool
	client    netip.Addr // as the rate limiter counts it
	cancel    context.CancelCauseFunc

	mu        sync.Mutex
	conn      transport.WebsocketConn // once accepted
	active    int                     // operations running
	idleSince time.Time
	ended     *streamEnd
	timers    []*time.Timer // the limits that end it: its longest life, a token's expiry, idleness
}

type streamKey struct{}

// streamOf is the stream ctx belongs to, or nil for a plain request.
func streamOf(ctx context.Context) *stream {
	st, _ := ctx.Value(streamKey{}).(*stream)
	return st
}

// end ends the stream for e's reason, once: a WebSocket is closed with the
// reason (and, in the legacy protocol, a connection_error first), and the
// context of its operations is cancelled with e as the cause.
func (st *stream) end(e *streamEnd) {
	st.mu.Lock()
	if st.ended != nil {
		st.mu.Unlock()
		return
	}
	st.ended = e
	conn := st.conn
	for _, t := range st.timers {
		t.Stop()
	}
	st.mu.Unlock()
	if conn != nil {
		if p := conn.Subprotocol(); p == "" || p == "graphql-ws" {
			_ = conn.WriteJSON(map[string]any{"type": "connection_error", "payload": map[string]string{"message": e.message}})
		}
		_ = conn.WriteClose(e.wsCode, e.message)
	}
	st.cancel(e)
}

// endAfter ends the stream for e's reason after d, unless it ended before.
func (st *stream) endAfter(d time.Duration, e *streamEnd) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.ended == nil {
		st.timers = append(st.timers, time.AfterFunc(d, func() { st.end(e) }))
	}
}

// watchIdle closes a WebSocket connection once it has run no operation
// for idle: a check runs when the connection could have become idle, and
// sets itself again for when it next could.
func (st *stream) watchIdle(idle time.Duration) {
	st.mu.Lock() // held until timer is set, which the check reads under it
	defer st.mu.Unlock()
	var timer *time.Timer
	timer = time.AfterFunc(idle, func() {
		st.mu.Lock()
		wait := idle
		if st.active == 0 {
			wait = idle - time.Since(st.idleSince)
		}
		if wait > 0 && st.ended == nil {
			timer.Reset(wait)
		}
		st.mu.Unlock()
		if wait <= 0 {
			st.end(&streamEnd{closeNormal, fmt.Sprintf("closed after %s without a subscription; reconnect when needed", idle)})
		}
	})
	st.idleSince = time.Now()
	st.timers = append(st.timers, timer)
	if st.ended != nil {
		timer.Stop()
	}
}

// stop ends the stream's timers once its handler returned, with nothing
// more to say: the client closed it, or it was ended already.
func (st *stream) stop() {
	st.mu.Lock()
	if st.ended == nil {
		st.ended = &streamEnd{closeNormal, "closed"}
	}
	for _, t := range st.timers {
		t.Stop()
	}
	st.mu.Unlock()
	st.cancel(nil)
}

// started and finished count the operations running on the stream.
func (st *stream) started() {
	st.mu.Lock()
	st.active++
	st.mu.Unlock()
}

func (st *stream) finished() {
	st.mu.Lock()
	st.active--
	if st.active == 0 {
		st.idleSince = time.Now()
	}
	st.mu.Unlock()
}

// streamGuard admits streams: it checks a WebSocket's Origin, caps the
// streams of each client, lifts the connection's read and write timeouts
// (meant for plain requests) and bounds the stream's life instead.
type streamGuard struct {
	limits  StreamLimits
	origins []string
	trusted []netip.Prefix
	mu      sync.Mutex
	open    map[netip.Addr]int
}

func newStreamGuard(cfg Config) *streamGuard {
	return &streamGuard{limits: cfg.Streams.withDefaults(), origins: cfg.AllowedOrigins, trusted: cfg.RateLimit.TrustedProxies, open: map[netip.Addr]int{}}
}

func (g *streamGuard) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if up := r.Header.Get("Upgrade"); up != "" && !strings.EqualFold(up, "websocket") {
			// Another protocol (h2c, which curl offers on http://): the
			// request is answered as HTTP/1.1, as the server may.
			r = r.Clone(r.Context())
			r.Header.Del("Upgrade")
		}
		isWebsocket := (transport.Websocket{}).Supports(r)
		if !isWebsocket && !(transport.SSE{}).Supports(r) {
			next.ServeHTTP(w, r)
			return
		}
		if isWebsocket {
			if r.Method != http.MethodGet {
				writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, "only a GET may upgrade the connection to a WebSocket")
				return
			}
			if origin := r.Header.Get("Origin"); !g.originAllowed(origin, r.Host) {
				observe.Rejected(r.Context(), "origin")
				writeGraphQLError(w, r, http.StatusForbidden, store.EFORBIDDEN, "WebSocket connections from this origin are not allowed")
				return
			}
		}
		client := clientKey(clientAddr(r, g.trusted))
		if !g.acquire(client) {
			observe.Rejected(r.Context(), "too_many_streams")
			writeGraphQLError(w, r, http.StatusTooManyRequests, codeTooManyStreams,
				fmt.Sprintf("at most %d subscriptions (WebSocket connections or event streams) per client at once; close one first", g.limits.PerClient))
			return
		}
		defer g.release(client)
		// The server's read and write timeouts are for plain requests; a
		// stream is bounded by MaxDuration instead.
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})

		ctx, cancel := context.WithCancelCause(r.Context())
		defer cancel(nil)
		st := &stream{websocket: isWebsocket, client: client, cancel: cancel, idleSince: time.Now()}
		st.endAfter(g.limits.MaxDuration, &streamEnd{closeNormal, fmt.Sprintf("reached the longest a stream may last, %s; reconnect", g.limits.MaxDuration)})
		if g.limits.Done != nil {
			go func() {
				select {
				case <-g.limits.Done:
					st.end(&streamEnd{closeGoingAway, "the server is shutting down; reconnect"})
				case <-ctx.Done():
				}
			}()
		}
		defer st.stop()
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, streamKey{}, st)))
	})
}

// originAllowed: no Origin (not a browser), the server's own, or one of
// the configured CORS origins.
func (g *streamGuard) originAllowed(origin, host string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, host) {
		return true
	}
	for _, o := range g.origins {
		if o == "*" || strings.EqualFold(strings.TrimSuffix(o, "/"), origin) {
			return true
		}
	}
	return false
}

func (g *streamGuard) acquire(client netip.Addr) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open[client] >= g.limits.PerClient {
		return false
	}
	g.open[client]++
	return true
}

func (g *streamGuard) release(client netip.Addr) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open[client]--; g.open[client] <= 0 {
		delete(g.open, client)
	}
}

// acceptWebsockets is coder/websocket's upgrade, which hands the stream
// its connection so that a limit can close it with a reason. The Origin
// was checked by streamGuard, with the CORS origins.
type acceptWebsockets struct{}

func (acceptWebsockets) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	impl := transport.CoderWebsocketImplementation{}
	impl.AcceptOptions.InsecureSkipVerify = true
	conn, err := impl.Accept(w, r, opts)
	if st := streamOf(r.Context()); err == nil && st != nil {
		st.mu.Lock()
		st.conn = conn
		st.mu.Unlock()
	}
	return conn, err
}

// streamOperations runs the operations of streams: a query or mutation
// keeps the request deadline, a subscription runs until it or its stream
// ends, and then says why when the server ended it. Each response gets
// fresh loaders, so that no event is answered from an earlier one's cache.
type streamOperations struct {
	deadline time.Duration
	limits   StreamLimits
	store    store.Store
	rate     *rateLimiter // nil: no rate limit
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = streamOperations{}

func (streamOperations) ExtensionName() string                   { return "StreamOperations" }
func (streamOperations) Validate(graphql.ExecutableSchema) error { return nil }

func (s streamOperations) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	st := streamOf(ctx)
	if st == nil {
		return next(ctx)
	}
	if s.rate != nil && st.websocket {
		// A WebSocket's operations are not requests; each counts as one.
		if wait := s.rate.wait(st.client, time.Now()); wait > 0 {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{codedError(codeRateLimited,
				"too many requests from your address; retry in %d s", int(math.Ceil(wait.Seconds())))}})
		}
	}
	st.mu.Lock()
	full := st.websocket && st.active >= s.limits.PerConnection
	st.mu.Unlock()
	if full {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{codedError(codeTooManyStreams,
			"at most %d operations may run at once on one connection", s.limits.PerConnection)}})
	}
	st.started()
	cancel := context.CancelFunc(func() {})
	if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != ast.Subscription {
		ctx, cancel = context.WithTimeout(ctx, s.deadline)
	}
	h := next(ctx)
	done := false
	return func(ctx context.Context) *graphql.Response {
		if done {
			return nil
		}
		if resp := h(ctx); resp != nil {
			return resp
		}
		done = true
		st.finished()
		cancel()
		if e, ok := context.Cause(ctx).(*streamEnd); ok {
			return &graphql.Response{Errors: gqlerror.List{codedError(codeStreamEnded, "the subscription ended: %s", e.message)}}
		}
		return nil
	}
}

func (s streamOperations) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if streamOf(ctx) != nil {
		ctx = graph.ContextWithLoaders(ctx, s.store)
	}
	return next(ctx)
}
