package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/golang-jwt/jwt/v5"

	"kgraph/graph/auth/authtest"
	"kgraph/graph/httpapi"
)

// wsClient is a real WebSocket client of /graphql speaking one of the two
// protocols: graphql-transport-ws (the graphql-ws library's) or the
// legacy graphql-ws (subscriptions-transport-ws).
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

func dialWS(t *testing.T, srv *httptest.Server, protocol string, header http.Header) (*wsClient, *http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{protocol}, HTTPHeader: header})
	if err != nil {
		return nil, resp, err
	}
	t.Cleanup(func() { _ = conn.CloseNow() })
	return &wsClient{t: t, conn: conn}, resp, nil
}

// mustDial dials and sends connection_init with payload (nil: none).
func mustDial(t *testing.T, srv *httptest.Server, protocol string, payload map[string]any) *wsClient {
	t.Helper()
	c, resp, err := dialWS(t, srv, protocol, nil)
	if err != nil {
		t.Fatalf("dial: %v (%v)", err, resp)
	}
	c.send(map[string]any{"type": "connection_init", "payload": payload})
	return c
}

func (c *wsClient) send(msg any) {
	c.t.Helper()
	raw, _ := json.Marshal(msg)
	if err := c.conn.Write(context.Background(), websocket.MessageText, raw); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

type wsMessage struct {
	Type    string          `json:"type"`
	ID      string          `json:"id"`
	Payload json.RawMessage `json:"payload"`
}

// read is the next message other than keep-alives, or the error that
// ended the connection (websocket.CloseStatus tells its code).
func (c *wsClient) read(within time.Duration) (wsMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	for {
		_, raw, err := c.conn.Read(ctx)
		if err != nil {
			return wsMessage{}, err
		}
		var m wsMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			c.t.Fatalf("not JSON: %s", raw)
		}
		switch m.Type {
		case "ka", "pong":
			continue
		case "ping":
			c.send(map[string]string{"type": "pong"})
			continue
		}
		return m, nil
	}
}

func (c *wsClient) expect(typ string) wsMessage {
	c.t.Helper()
	m, err := c.read(5 * time.Second)
	if err != nil || m.Type != typ {
		c.t.Fatalf("got %+v (payload %s), %v; want %s", m, m.Payload, err, typ)
	}
	return m
}

// closed waits for the server to close the connection and returns its
// close code and reason.
func (c *wsClient) closed(within time.Duration) (websocket.StatusCode, string) {
	c.t.Helper()
	for {
		_, err := c.read(within)
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if !errors.As(err, &ce) {
			c.t.Fatalf("the connection ended without a close frame: %v", err)
		}
		return ce.Code, ce.Reason
	}
}

// run sends a query or mutation and returns its result's payload, once
// the server completed it.
func (c *wsClient) run(protocol, id, q string) gqlResponse {
	c.t.Helper()
	start, next := "subscribe", "next"
	if protocol == "graphql-ws" {
		start, next = "start", "data"
	}
	c.send(map[string]any{"type": start, "id": id, "payload": map[string]any{"query": q}})
	m := c.expect(next)
	var out gqlResponse
	if err := json.Unmarshal(m.Payload, &out); err != nil {
		c.t.Fatal(err)
	}
	if done := c.expect("complete"); done.ID != id {
		c.t.Fatalf("completed %q, want %q", done.ID, id)
	}
	return out
}

var protocols = []string{"graphql-transport-ws", "graphql-ws"}

// TestWebsocketAuthenticatesInConnectionInit: a token in connection_init
// (as Authorization or authToken) names the connection's principal, as a
// header does for a request; none is the anonymous reader; a refused one
// closes the connection with 4401 and nothing more than
// UNAUTHENTICATED, the reason going to the log.
func TestWebsocketAuthenticatesInConnectionInit(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	for _, protocol := range protocols {
		t.Run(protocol, func(t *testing.T) {
			c := mustDial(t, s.Server, protocol, map[string]any{"Authorization": "Bearer " + editorKey})
			c.expect("connection_ack")
			if r := c.run(protocol, "1", `{ entity(id: "croatia") { id } }`); !strings.Contains(string(r.Data), "croatia") {
				t.Fatalf("a query over the connection: %s %+v", r.Data, r.Errors)
			}
			if r := c.run(protocol, "2", guarded[0].query); codeOf(r) == "UNAUTHENTICATED" || !strings.Contains(string(r.Data), guarded[0].answered) {
				t.Fatalf("an editor's connection was refused the editor field: %+v", r.Errors)
			}
			if r := c.run(protocol, "3", guarded[2].query); codeOf(r) != "FORBIDDEN" {
				t.Fatalf("an editor's connection, admin field: %+v", r.Errors)
			}

			admin := mustDial(t, s.Server, protocol, map[string]any{"authToken": s.rs256(t, claims("ann", "admin", nil))})
			admin.expect("connection_ack")
			if r := admin.run(protocol, "1", guarded[2].query); codeOf(r) == "FORBIDDEN" || !strings.Contains(string(r.Data), guarded[2].answered) {
				t.Fatalf("an admin's connection, admin field: %+v", r.Errors)
			}

			anonymous := mustDial(t, s.Server, protocol, nil)
			anonymous.expect("connection_ack")
			if r := anonymous.run(protocol, "1", guarded[0].query); codeOf(r) != "UNAUTHENTICATED" {
				t.Fatalf("an anonymous connection, editor field: %+v", r.Errors)
			}

			before := len(s.logs.String())
			forged := mustDial(t, s.Server, protocol, map[string]any{"authToken": authtest.Unsigned(t, claims("eve", "admin", nil))})
			if protocol == "graphql-ws" {
				if m := forged.expect("connection_error"); !strings.Contains(string(m.Payload), "UNAUTHENTICATED") {
					t.Fatalf("connection_error %s", m.Payload)
				}
			}
			code, reason := forged.closed(5 * time.Second)
			if code != 4401 || !strings.Contains(reason, "UNAUTHENTICATED") || strings.Contains(reason, "none") {
				t.Fatalf("a forged token: closed %d %q", code, reason)
			}
			if logs := s.logs.String()[before:]; !strings.Contains(logs, "token refused") || !strings.Contains(logs, "signing method none is invalid") {
				t.Fatalf("the log does not say why:\n%s", logs)
			}
		})
	}
}

// TestWebsocketOrigin: a browser page may open a connection from the
// server's own origin or a configured one, never from another.
func TestWebsocketOrigin(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{}, "https://explorer.example")
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true}, {s.URL, true}, {"https://explorer.example", true},
		{"https://evil.example", false}, {"null", false},
	} {
		header := http.Header{}
		if tc.origin != "" {
			header.Set("Origin", tc.origin)
		}
		_, resp, err := dialWS(t, s.Server, "graphql-transport-ws", header)
		if tc.ok != (err == nil) {
			t.Fatalf("Origin %q: %v", tc.origin, err)
		}
		if !tc.ok {
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"FORBIDDEN"`) {
				t.Fatalf("Origin %q: %d %s", tc.origin, resp.StatusCode, body)
			}
		}
	}
}

// TestStreamsPerClient: a client may hold so many WebSocket connections
// and event streams at once; one more is refused with 429, and closing
// one makes room.
func TestStreamsPerClient(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{PerClient: 2})
	first := mustDial(t, s.Server, "graphql-transport-ws", nil)
	first.expect("connection_ack")
	second := mustDial(t, s.Server, "graphql-ws", nil)
	second.expect("connection_ack")
	_, resp, err := dialWS(t, s.Server, "graphql-transport-ws", nil)
	if err == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a third connection: %v %v", err, resp)
	}
	if body, _ := io.ReadAll(resp.Body); !strings.Contains(string(body), "TOO_MANY_STREAMS") {
		t.Fatalf("a third connection: %s", body)
	}
	if status, body := postSSE(t, s.Server, "", `{ entity(id: "croatia") { id } }`); status != http.StatusTooManyRequests || !strings.Contains(body, "TOO_MANY_STREAMS") {
		t.Fatalf("an event stream over the cap: %d %s", status, body)
	}
	if _, metrics := get(t, s.Server, "/metrics"); !strings.Contains(string(metrics), `kgraph_rejected_requests_total{reason="too_many_streams"} 2`) {
		t.Fatalf("the refusals are not counted:\n%s", metrics)
	}
	_ = first.conn.Close(websocket.StatusNormalClosure, "")
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, _, err := dialWS(t, s.Server, "graphql-transport-ws", nil)
		if err == nil {
			c.send(map[string]any{"type": "connection_init"})
			c.expect("connection_ack")
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed connection left no room: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWebsocketLimitsSayWhyTheyClose: the idle timeout, the longest
// life, a JWT's expiry and a shutdown each close the connection with a
// code and a reason, never silently.
func TestWebsocketLimitsSayWhyTheyClose(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		s := newAuthServer(t, httpapi.StreamLimits{Idle: 300 * time.Millisecond})
		c := mustDial(t, s.Server, "graphql-transport-ws", nil)
		c.expect("connection_ack")
		c.run("graphql-transport-ws", "1", `{ entity(id: "croatia") { id } }`) // not a subscription: still idle
		if code, reason := c.closed(5 * time.Second); code != websocket.StatusNormalClosure || !strings.Contains(reason, "without a subscription") {
			t.Fatalf("closed %d %q", code, reason)
		}
	})
	t.Run("no connection_init", func(t *testing.T) {
		s := newAuthServer(t, httpapi.StreamLimits{InitTimeout: 200 * time.Millisecond})
		c, _, err := dialWS(t, s.Server, "graphql-transport-ws", nil)
		if err != nil {
			t.Fatal(err)
		}
		if code, reason := c.closed(5 * time.Second); code == websocket.StatusNormalClosure || !strings.Contains(reason, "initialisation timeout") {
			t.Fatalf("closed %d %q", code, reason)
		}
	})
	t.Run("longest life", func(t *testing.T) {
		s := newAuthServer(t, httpapi.StreamLimits{MaxDuration: 300 * time.Millisecond})
		for _, protocol := range protocols {
			c := mustDial(t, s.Server, protocol, nil)
			c.expect("connection_ack")
			if protocol == "graphql-ws" {
				if m := c.expect("connection_error"); !strings.Contains(string(m.Payload), "longest a stream may last") {
					t.Fatalf("connection_error %s", m.Payload)
				}
			}
			if code, reason := c.closed(5 * time.Second); code != websocket.StatusNormalClosure || !strings.Contains(reason, "longest a stream may last, 300ms") {
				t.Fatalf("%s: closed %d %q", protocol, code, reason)
			}
		}
	})
	t.Run("token expiry", func(t *testing.T) {
		s := newAuthServer(t, httpapi.StreamLimits{})
		token := s.rs256(t, claims("eddie", "editor", func(c jwt.MapClaims) { c["exp"] = time.Now().Add(time.Second).Unix() }))
		c := mustDial(t, s.Server, "graphql-transport-ws", map[string]any{"Authorization": "Bearer " + token})
		c.expect("connection_ack")
		if code, reason := c.closed(5 * time.Second); code != 4401 || !strings.Contains(reason, "token expired") {
			t.Fatalf("closed %d %q", code, reason)
		}
	})
	t.Run("shutdown", func(t *testing.T) {
		done := make(chan struct{})
		s := newAuthServer(t, httpapi.StreamLimits{Done: done})
		c := mustDial(t, s.Server, "graphql-transport-ws", nil)
		c.expect("connection_ack")
		close(done)
		if code, reason := c.closed(5 * time.Second); code != websocket.StatusGoingAway || !strings.Contains(reason, "shutting down") {
			t.Fatalf("closed %d %q", code, reason)
		}
	})
}

// TestWebsocketKeepAlive: an open connection carries keep-alives: pings
// (answered with pongs) in graphql-transport-ws, "ka" in the legacy
// protocol.
func TestWebsocketKeepAlive(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{KeepAlive: 100 * time.Millisecond})
	for protocol, want := range map[string]string{"graphql-transport-ws": "ping", "graphql-ws": "ka"} {
		c := mustDial(t, s.Server, protocol, nil)
		c.expect("connection_ack")
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		seen := 0
		for seen < 3 {
			_, raw, err := c.conn.Read(ctx)
			if err != nil {
				t.Fatalf("%s: %d keep-alives, then %v", protocol, seen, err)
			}
			var m wsMessage
			_ = json.Unmarshal(raw, &m)
			if m.Type == want {
				seen++
				if want == "ping" {
					c.send(map[string]string{"type": "pong"})
				}
			}
		}
		cancel()
	}
}

// TestStreamsOutliveTheRequestDeadline: the request deadline and the
// server's read and write timeouts are for plain requests; a WebSocket
// connection outlives them and still answers.
func TestStreamsOutliveTheRequestDeadline(t *testing.T) {
	h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: discardLogger(), Deadline: 100 * time.Millisecond})
	srv := httptest.NewUnstartedServer(h)
	srv.Config = httpapi.NewServer(h, discardLogger(), httpapi.Timeouts{ReadHeader: 200 * time.Millisecond, Read: 200 * time.Millisecond, Idle: 200 * time.Millisecond}, 100*time.Millisecond)
	srv.Start()
	t.Cleanup(srv.Close)
	c := mustDial(t, srv, "graphql-transport-ws", nil)
	c.expect("connection_ack")
	time.Sleep(700 * time.Millisecond)
	if r := c.run("graphql-transport-ws", "1", `{ entity(id: "croatia") { id } }`); !strings.Contains(string(r.Data), "croatia") {
		t.Fatalf("after the deadline and the read timeout: %s %+v", r.Data, r.Errors)
	}
}

// postSSE sends a query as a server-sent events request and returns the
// status and the whole body.
func postSSE(t *testing.T, srv *httptest.Server, authorization, q string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out strings.Builder
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
	}
	return resp.StatusCode, out.String()
}

// TestServerSentEvents: an operation over SSE is answered as events,
// authenticated by its header like any request.
func TestServerSentEvents(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	status, body := postSSE(t, s.Server, "", `{ entity(id: "croatia") { id } }`)
	if status != http.StatusOK || !strings.Contains(body, "event: next") || !strings.Contains(body, `"croatia"`) || !strings.Contains(body, "event: complete") {
		t.Fatalf("%d\n%s", status, body)
	}
	if _, body := postSSE(t, s.Server, "", guarded[0].query); !strings.Contains(body, "UNAUTHENTICATED") {
		t.Fatalf("anonymous, editor field:\n%s", body)
	}
	if _, body := postSSE(t, s.Server, "Bearer "+editorKey, guarded[0].query); strings.Contains(body, "UNAUTHENTICATED") || !strings.Contains(body, guarded[0].answered) {
		t.Fatalf("editor, editor field:\n%s", body)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestWebsocketOperationsAreRateLimited: the operations a connection
// sends count against its client's rate, as requests do: the upgrade takes
// one of a burst of 3, two operations the rest, and the next is refused.
func TestWebsocketOperationsAreRateLimited(t *testing.T) {
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: discardLogger(),
		RateLimit: httpapi.RateLimit{PerSecond: 0.01, Burst: 3}}))
	t.Cleanup(srv.Close)
	c := mustDial(t, srv, "graphql-transport-ws", nil)
	c.expect("connection_ack")
	for i, want := range []any{nil, nil, "RATE_LIMITED"} {
		if r := c.run("graphql-transport-ws", fmt.Sprint(i), `{ entity(id: "croatia") { id } }`); codeOf(r) != want {
			t.Fatalf("operation %d: %v, want %v", i+1, r.Errors, want)
		}
	}
}

// TestOtherUpgradesAreAnsweredAsHTTP: a request offering another protocol
// (curl offers h2c on http://) is answered as a plain request.
func TestOtherUpgradesAreAnsweredAsHTTP(t *testing.T) {
	srv := newServer(t)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ entity(id: \"croatia\") { id } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Connection", "Upgrade, HTTP2-Settings")
	req.Header.Set("Upgrade", "h2c")
	req.Header.Set("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA")
	resp, _, out := send(t, req)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(out.Data), "croatia") {
		t.Fatalf("%d %s %+v", resp.StatusCode, out.Data, out.Errors)
	}
}

// TestStreamsPerClientBehindAProxy: behind a trusted proxy, each address
// the proxy forwards for is a client of its own, as for the rate limit.
func TestStreamsPerClientBehindAProxy(t *testing.T) {
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: discardLogger(),
		RateLimit: httpapi.RateLimit{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}},
		Streams:   httpapi.StreamLimits{PerClient: 1}}))
	t.Cleanup(srv.Close)
	dial := func(forwardedFor string) (int, error) {
		c, resp, err := dialWS(t, srv, "graphql-transport-ws", http.Header{"X-Forwarded-For": {forwardedFor}})
		if err != nil {
			return resp.StatusCode, err
		}
		c.send(map[string]any{"type": "connection_init"})
		c.expect("connection_ack")
		return http.StatusSwitchingProtocols, nil
	}
	for _, tc := range []struct {
		client string
		status int
	}{{"203.0.113.1", 101}, {"203.0.113.2", 101}, {"203.0.113.1", 429}} {
		if status, err := dial(tc.client); status != tc.status {
			t.Fatalf("a stream for %s: %d (%v), want %d", tc.client, status, err, tc.status)
		}
	}
}
