package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"kgraph/graph/httpapi"
)

func startFrontEndServer(t *testing.T, files fstest.MapFS) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Assets: files, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFrontEndPages(t *testing.T) {
	srv := startFrontEndServer(t, fstest.MapFS{
		"index.html":         {Data: []byte("<title>explorer</title>")},
		"playground.html":    {Data: []byte("<title>playground</title>")},
		"assets/app-1a2b.js": {Data: []byte("console.log(1)")},
	})
	for path, want := range map[string]string{"/": "explorer", "/playground": "playground"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type = %q", path, got)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy = %q", path, csp)
		}
	}
	resp, body := get(t, srv, "/assets/app-1a2b.js")
	if resp.StatusCode != 200 || string(body) != "console.log(1)" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("asset: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Errorf("asset Content-Type = %q", resp.Header.Get("Content-Type"))
	}
	for _, path := range []string{"/assets/", "/assets/missing.js", "/index.html.bak", "/nowhere"} {
		if resp, _ := get(t, srv, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestFrontEndNotBuilt(t *testing.T) {
	srv := startFrontEndServer(t, fstest.MapFS{})
	for _, path := range []string{"/", "/playground"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "make web") ||
			!strings.Contains(string(body), "npm ci &amp;&amp; npm run build") {
			t.Errorf("GET %s = %d %s, want 503 with how to build", path, resp.StatusCode, body)
		}
	}
}
