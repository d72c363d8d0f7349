package httpapi_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"kgraph/graph/httpapi"
)

// TestSecurityHeadersOnEveryRoute checks the headers on each route, the
// pages and the API alike, on success and on error.
func TestSecurityHeadersOnEveryRoute(t *testing.T) {
	files := fstest.MapFS{"index.html": {Data: []byte("<html></html>")}, "playground.html": {Data: []byte("<html></html>")}, "assets/app.js": {Data: []byte("1")}}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Assets: files}))
	defer srv.Close()
	for _, path := range []string{"/", "/playground", "/assets/app.js", "/graphql?query=%7Bvocabulary%7BentityKinds%7Bid%7D%7D%7D", "/graphql", "/export/graph.json", "/healthz", "/readyz", "/metrics", "/nowhere"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for header, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
			"Content-Security-Policy": "frame-ancestors 'none'",
		} {
			// The pages send a whole policy, which ends in frame-ancestors.
			if got := resp.Header.Get(header); !strings.Contains(got, want) {
				t.Errorf("%s (%d): %s = %q, want %q", path, resp.StatusCode, header, got, want)
			}
		}
		if strings.HasPrefix(path, "/graphql") || strings.HasPrefix(path, "/export/") {
			want := "no-store"
			if strings.HasPrefix(path, "/graphql?") {
				// A successful GET query is cacheable, by the graph's version.
				want = "public, max-age=60"
			}
			if got := resp.Header.Get("Cache-Control"); got != want {
				t.Errorf("%s: Cache-Control = %q, want %s", path, got, want)
			}
		}
	}
}

func TestCrossOriginHeaders(t *testing.T) {
	h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AllowedOrigins: []string{"https://app.example"}})
	pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	pre.Header.Set("Origin", "https://app.example")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pre)
	allowed := strings.ToLower(rec.Header().Get("Access-Control-Allow-Headers"))
	if !strings.Contains(allowed, "authorization") || !strings.Contains(allowed, "content-type") {
		t.Fatalf("preflight allows headers %q, want Authorization and Content-Type", allowed)
	}
	req := withJSON(httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ vocabulary { entityKinds { id } } }"}`)))
	req.Header.Set("Origin", "https://app.example")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	exposed := strings.ToLower(rec.Header().Get("Access-Control-Expose-Headers"))
	for _, want := range []string{"etag", "retry-after", "x-request-id"} {
		if !strings.Contains(exposed, want) {
			t.Errorf("Access-Control-Expose-Headers %q lacks %s", exposed, want)
		}
	}
}

// TestRateLimitPerClient checks that a client gets its burst and then 429
// with Retry-After and a coded error, that other clients are unaffected,
// and that X-Forwarded-For is believed only from a trusted proxy.
func TestRateLimitPerClient(t *testing.T) {
	proxy := netip.MustParsePrefix("10.0.0.0/8")
	h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		RateLimit: httpapi.RateLimit{PerSecond: 0.01, Burst: 3, TrustedProxies: []netip.Prefix{proxy}}})
	send := func(peer, forwardedFor string) *httptest.ResponseRecorder {
		req := withJSON(httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ vocabulary { entityKinds { id } } }"}`)))
		req.RemoteAddr = net.JoinHostPort(peer, "40000")
		if forwardedFor != "" {
			req.Header.Set("X-Forwarded-For", forwardedFor)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 3 {
		if rec := send("192.0.2.1", ""); rec.Code != http.StatusOK {
			t.Fatalf("request %d of a burst of 3: %d", i+1, rec.Code)
		}
	}
	rec := send("192.0.2.1", "")
	var r gqlResponse
	_ = json.Unmarshal(rec.Body.Bytes(), &r)
	retry, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
	if rec.Code != http.StatusTooManyRequests || retry < 1 || codeOf(r) != "RATE_LIMITED" {
		t.Fatalf("4th request: %d, Retry-After %q, %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	if rec := send("192.0.2.2", ""); rec.Code != http.StatusOK {
		t.Fatalf("another client is limited too: %d", rec.Code)
	}
	// An untrusted peer cannot escape its bucket by naming other addresses.
	if rec := send("192.0.2.1", "198.51.100.9"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("X-Forwarded-For believed from an untrusted peer: %d", rec.Code)
	}
	// Behind a trusted proxy, each forwarded client has its own bucket.
	for i := range 3 {
		if rec := send("10.1.2.3", "198.51.100.7, 10.9.9.9"); rec.Code != http.StatusOK {
			t.Fatalf("forwarded client, request %d: %d", i+1, rec.Code)
		}
	}
	if rec := send("10.1.2.3", "198.51.100.7"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("forwarded client over its burst: %d", rec.Code)
	}
	if rec := send("10.1.2.3", "198.51.100.8"); rec.Code != http.StatusOK {
		t.Fatalf("another forwarded client: %d", rec.Code)
	}
	// One IPv6 host holds a /64: its addresses share a bucket.
	for i := range 3 {
		if rec := send(fmt.Sprintf("2001:db8:1:2::%x", i+1), ""); rec.Code != http.StatusOK {
			t.Fatalf("IPv6 request %d: %d", i+1, rec.Code)
		}
	}
	if rec := send("2001:db8:1:2::ffff", ""); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("a fresh address in the same /64 escapes the limit: %d", rec.Code)
	}
	// Plain routes answer in their own error shape; health checks are never limited.
	req := httptest.NewRequest(http.MethodGet, "/export/graph.json", nil)
	req.RemoteAddr = "192.0.2.1:40000"
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), `"code":"RATE_LIMITED"`) {
		t.Fatalf("export over the limit: %d %s", rec.Code, rec.Body)
	}
	req = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.RemoteAddr = "192.0.2.1:40000"
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("health check limited: %d", rec.Code)
	}
}

// TestTrustedDocuments writes a manifest as GraphQL Code Generator's
// client preset does and checks that only its documents run.
func TestTrustedDocuments(t *testing.T) {
	const trusted = `query Croatia { entity(id: "croatia") { id } }`
	path := filepath.Join(t.TempDir(), "persisted-documents.json")
	manifest, _ := json.Marshal(map[string]string{sha(trusted): trusted})
	if err := os.WriteFile(path, manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := httpapi.LoadTrustedDocuments(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustedDocuments: docs}))
	defer srv.Close()
	byHash := `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + sha(trusted) + `"}}}`
	if status, r := post(t, srv, byHash); status != 200 || !strings.Contains(string(r.Data), "croatia") {
		t.Fatalf("trusted document by hash: %d %+v", status, r.Errors)
	}
	if r := query(t, srv, trusted, nil); len(r.Errors) > 0 {
		t.Fatalf("trusted document by text: %+v", r.Errors)
	}
	if status, r := postQuery(t, srv, `{ entity(id: "serbia") { id } }`); status < 400 || status >= 500 || codeOf(r) != "OPERATION_NOT_TRUSTED" {
		t.Fatalf("ad hoc query: %d %+v", status, r.Errors)
	}
	unknown := `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + sha("other") + `"}}}`
	if status, r := post(t, srv, unknown); status < 400 || codeOf(r) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: %d %+v", status, r.Errors)
	}
	// An ad hoc query sent with its own hash is not remembered either.
	adHoc := `{ entity(id: "serbia") { id } }`
	withHash, _ := json.Marshal(map[string]any{"query": adHoc, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha(adHoc)}}})
	if status, r := post(t, srv, string(withHash)); status < 400 || codeOf(r) != "OPERATION_NOT_TRUSTED" {
		t.Fatalf("ad hoc query with its hash: %d %+v", status, r.Errors)
	}
	if status, r := post(t, srv, `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "`+sha(adHoc)+`"}}}`); status < 400 || codeOf(r) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("ad hoc query's hash after it was sent: %d %+v", status, r.Errors)
	}

	// The client preset's keys may carry the algorithm as a prefix.
	prefixed, _ := json.Marshal(map[string]string{"sha256:" + sha(trusted): trusted})
	if err := os.WriteFile(path, prefixed, 0o644); err != nil {
		t.Fatal(err)
	}
	if docs, err := httpapi.LoadTrustedDocuments(path); err != nil || docs[sha(trusted)] != trusted {
		t.Fatalf("a manifest with sha256: keys: %v, %v", docs, err)
	}

	stale, _ := json.Marshal(map[string]string{sha("old text"): trusted})
	if err := os.WriteFile(path, stale, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := httpapi.LoadTrustedDocuments(path); err == nil {
		t.Fatal("a manifest whose hash is not its document's was loaded")
	}
}

// startServer serves h with NewServer's timeouts on a loopback port.
func startServer(t *testing.T, timeouts httpapi.Timeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httpapi.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: logger}), logger, timeouts, time.Second)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// trickle sends a POST whose body arrives one byte per gap, and returns
// the status line, or "" when the server closed the connection first.
func trickle(t *testing.T, addr string, gap time.Duration) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ entity(id: \"croatia\") { id } }"}`
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	for i := range len(body) {
		if _, err := conn.Write([]byte{body[i]}); err != nil {
			break
		}
		time.Sleep(gap)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, _ := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line)
}

// TestSlowClientsAreCutOff checks the read timeout: a body that arrives
// within it is answered, one trickled past it is not.
func TestSlowClientsAreCutOff(t *testing.T) {
	addr := startServer(t, httpapi.Timeouts{Read: 1500 * time.Millisecond})
	if got := trickle(t, addr, 5*time.Millisecond); !strings.Contains(got, "200") {
		t.Fatalf("a body sent within the read timeout: %q", got)
	}
	start := time.Now()
	if got := trickle(t, addr, 100*time.Millisecond); strings.Contains(got, "200") {
		t.Fatalf("a body trickled past the read timeout was answered: %q", got)
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Fatalf("the slow client held the connection %v", elapsed)
	}
}

func TestServerTimeouts(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httpapi.NewServer(http.NotFoundHandler(), logger, httpapi.Timeouts{}, 30*time.Second)
	d := httpapi.DefaultTimeouts()
	if srv.ReadHeaderTimeout != d.ReadHeader || srv.ReadTimeout != d.Read || srv.IdleTimeout != d.Idle {
		t.Fatalf("timeouts %v %v %v, want the defaults %+v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.IdleTimeout, d)
	}
	if srv.WriteTimeout <= 30*time.Second {
		t.Fatalf("write timeout %v does not exceed the request deadline", srv.WriteTimeout)
	}
	if srv := httpapi.NewServer(http.NotFoundHandler(), logger, httpapi.Timeouts{Write: time.Second}, 30*time.Second); srv.WriteTimeout <= 30*time.Second {
		t.Fatalf("a write timeout below the deadline is kept: %v", srv.WriteTimeout)
	}
}
