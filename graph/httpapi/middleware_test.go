package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
)

func TestCrossOriginRequests(t *testing.T) {
	tests := []struct {
		allowed []string
		origin  string
		want    string
	}{
		{[]string{"*"}, "https://app.example", "*"},
		{[]string{"https://app.example"}, "https://app.example", "https://app.example"},
		{[]string{"https://app.example"}, "https://evil.example", ""},
		{nil, "https://app.example", ""},
	}
	for _, tt := range tests {
		h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AllowedOrigins: tt.allowed})
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", tt.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("allowed %v, origin %s: Access-Control-Allow-Origin = %q, want %q", tt.allowed, tt.origin, got, tt.want)
		}
	}
}

func TestRequestsAreLogged(t *testing.T) {
	var logs bytes.Buffer
	h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, withJSON(httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ vocabulary { entityKinds { id } } }"}`))))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/healthz", nil))
	out := logs.String()
	if !strings.Contains(out, `"msg":"request"`) || !strings.Contains(out, `"path":"/graphql"`) || !strings.Contains(out, `"status":200`) {
		t.Fatalf("no access log line for /graphql: %s", out)
	}
	if strings.Contains(out, `"/healthz"`) {
		t.Fatalf("health checks are logged: %s", out)
	}
}

func withJSON(r *http.Request) *http.Request {
	r.Header.Set("Content-Type", "application/json")
	return r
}

func TestResponsesAreCompressed(t *testing.T) {
	srv := newServer(t)
	body := `{"query":"{ relations(first: 100) { nodes { id type fromId toId start end } } }"}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req) // the bare transport does not decompress
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !strings.Contains(string(plain), "sfry-broke-relations-ussr-1949") {
		t.Fatalf("decompressed body: %v %.200s", err, plain)
	}
}

func TestMetrics(t *testing.T) {
	srv := newServer(t)
	for i := 0; i < 3; i++ {
		query(t, srv, `{ entity(id: "croatia") { id } }`, nil)
	}
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`kgraph_http_requests_total{code="200",method="post",route="graphql"} 3`,
		`kgraph_http_request_duration_seconds_count{route="graphql"} 3`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
