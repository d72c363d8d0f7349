package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// revalidatingClient is an HTTP client that honours ETags as a browser
// does: it keeps each URL's last answer and validator, and asks again with
// If-None-Match, reusing its copy on 304.
type revalidatingClient struct {
	t       *testing.T
	header  http.Header
	entries map[string]cachedAnswer
}

type cachedAnswer struct {
	etag string
	body string
}

// get fetches u and returns the status the server sent, the response's
// headers and the body the client ends up with.
func (c *revalidatingClient) get(u string) (int, http.Header, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	cached, have := c.entries[u]
	if have {
		req.Header.Set("If-None-Match", cached.etag)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		if !have {
			c.t.Fatalf("304 to a request without If-None-Match")
		}
		if len(body) != 0 {
			c.t.Fatalf("304 with a body: %s", body)
		}
		return resp.StatusCode, resp.Header, cached.body
	case resp.Header.Get("ETag") != "":
		c.entries[u] = cachedAnswer{etag: resp.Header.Get("ETag"), body: string(body)}
	}
	return resp.StatusCode, resp.Header, string(body)
}

func newCachingServer(t *testing.T, maxAge time.Duration) (*httptest.Server, store.Store) {
	t.Helper()
	s := memstoretest.Seeded(t)
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), CacheMaxAge: maxAge}))
	t.Cleanup(srv.Close)
	return srv, s
}

func getURL(srv *httptest.Server, query string, vars string) string {
	v := url.Values{"query": {query}}
	if vars != "" {
		v.Set("variables", vars)
	}
	return srv.URL + "/graphql?" + v.Encode()
}

// TestGETAnswersRevalidateUntilTheGraphChanges checks a repeated GET is
// answered 304 with the same ETag until a write changes the graph, and
// then with the new answer and a new ETag.
func TestGETAnswersRevalidateUntilTheGraphChanges(t *testing.T) {
	srv, s := newCachingServer(t, 5*time.Second)
	c := &revalidatingClient{t: t, entries: map[string]cachedAnswer{}}
	u := getURL(srv, `query($id: ID!) { entity(id: $id) { id name } }`, `{"id":"croatia"}`)

	status, h, body := c.get(u)
	etag := h.Get("ETag")
	if status != 200 || !strings.Contains(body, `"name":"Croatia"`) {
		t.Fatalf("first GET: %d %s", status, body)
	}
	if !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
		t.Fatalf("ETag %q is not a strong validator", etag)
	}
	if got := h.Get("Cache-Control"); got != "public, max-age=5" {
		t.Fatalf("Cache-Control = %q, want public, max-age=5", got)
	}
	for i := 0; i < 2; i++ {
		status, h, body = c.get(u)
		if status != http.StatusNotModified || h.Get("ETag") != etag || h.Get("Cache-Control") != "public, max-age=5" || !strings.Contains(body, "Croatia") {
			t.Fatalf("repeated GET: %d, ETag %q (want %q), Cache-Control %q", status, h.Get("ETag"), etag, h.Get("Cache-Control"))
		}
	}

	es, err := s.Entities(context.Background(), []string{"croatia"})
	if err != nil {
		t.Fatal(err)
	}
	renamed := *es[0]
	renamed.Labels = store.Texts{{Lang: "en", Text: "Republic of Croatia"}}
	if _, err := s.Apply(context.Background(), &store.Dataset{Entities: []store.Entity{renamed}}, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	status, h, body = c.get(u)
	if status != 200 || h.Get("ETag") == etag || !strings.Contains(body, `"name":"Republic of Croatia"`) {
		t.Fatalf("GET after a write: %d, ETag %q (old %q): %s", status, h.Get("ETag"), etag, body)
	}
	if status, _, _ = c.get(u); status != http.StatusNotModified {
		t.Fatalf("GET after the new answer: %d, want 304", status)
	}
}

// TestWhatIsNotCached checks POSTs, answers with errors and different
// variables are never answered from another request's validator.
func TestWhatIsNotCached(t *testing.T) {
	srv, _ := newCachingServer(t, 0)
	c := &revalidatingClient{t: t, entries: map[string]cachedAnswer{}}
	_, croatia, _ := c.get(getURL(srv, `query($id: ID!) { entity(id: $id) { id } }`, `{"id":"croatia"}`))
	_, serbia, _ := c.get(getURL(srv, `query($id: ID!) { entity(id: $id) { id } }`, `{"id":"serbia"}`))
	if croatia.Get("ETag") == "" || croatia.Get("ETag") == serbia.Get("ETag") {
		t.Fatalf("ETags for different variables: %q and %q", croatia.Get("ETag"), serbia.Get("ETag"))
	}
	if got := croatia.Get("Cache-Control"); got != "public, max-age=60" {
		t.Fatalf("default Cache-Control = %q", got)
	}

	status, h, body := c.get(getURL(srv, `{ neighborhood(id: "atlantis") { truncated } }`, ""))
	if status != 200 || !strings.Contains(body, "NOT_FOUND") || h.Get("ETag") != "" || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("answer with errors: %d ETag %q Cache-Control %q: %s", status, h.Get("ETag"), h.Get("Cache-Control"), body)
	}

	resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ entity(id: \"croatia\") { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != "" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("POST: %d ETag %q Cache-Control %q", resp.StatusCode, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
	}
}

// TestCredentialedGETsArePrivate checks an answer to a request with
// credentials may be kept by the browser only, not by a shared cache.
func TestCredentialedGETsArePrivate(t *testing.T) {
	srv, _ := newCachingServer(t, 0)
	for _, header := range []http.Header{{"Authorization": {"Bearer x"}}, {"Cookie": {"session=1"}}} {
		c := &revalidatingClient{t: t, header: header, entries: map[string]cachedAnswer{}}
		u := getURL(srv, `{ entity(id: "croatia") { id } }`, "")
		_, h, _ := c.get(u)
		if got := h.Get("Cache-Control"); got != "private, max-age=60" {
			t.Fatalf("with %v: Cache-Control = %q, want private", header, got)
		}
		if status, _, _ := c.get(u); status != http.StatusNotModified {
			t.Fatalf("with %v: revalidation answered %d", header, status)
		}
	}
}

// TestPersistedQueryGETsAreCached checks a GET naming its query by hash
// (Automatic Persisted Queries) revalidates like one carrying the text.
func TestPersistedQueryGETsAreCached(t *testing.T) {
	srv, _ := newCachingServer(t, 0)
	q := `{ entity(id: "serbia") { id name } }`
	ext, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha(q)}})
	register := srv.URL + "/graphql?" + url.Values{"query": {q}, "extensions": {string(ext)}}.Encode()
	if resp, err := http.Get(register); err != nil || resp.StatusCode != 200 {
		t.Fatalf("registering the query: %v %v", resp, err)
	}
	c := &revalidatingClient{t: t, entries: map[string]cachedAnswer{}}
	byHash := srv.URL + "/graphql?" + url.Values{"extensions": {string(ext)}}.Encode()
	status, h, body := c.get(byHash)
	if status != 200 || h.Get("ETag") == "" || !strings.Contains(body, "Serbia") {
		t.Fatalf("GET by hash: %d ETag %q: %s", status, h.Get("ETag"), body)
	}
	if status, _, _ = c.get(byHash); status != http.StatusNotModified {
		t.Fatalf("repeated GET by hash: %d, want 304", status)
	}
}

// TestCompressedAnswersRevalidate checks a gzipped answer's validator
// differs from the plain one's and is honoured when sent back.
func TestCompressedAnswersRevalidate(t *testing.T) {
	srv, _ := newCachingServer(t, 0)
	u := getURL(srv, `{ entities(first: 100) { nodes { id name labels { lang text } } } }`, "")
	get := func(etag string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	first := get("")
	etag := first.Header.Get("ETag")
	if first.Header.Get("Content-Encoding") != "gzip" || !strings.HasSuffix(etag, `-gzip"`) {
		t.Fatalf("compressed answer: encoding %q, ETag %q", first.Header.Get("Content-Encoding"), etag)
	}
	if again := get(etag); again.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidating with %s: %d", etag, again.StatusCode)
	}
}

// BenchmarkConditionalGET compares, request by request in one loop, a GET
// answered in full with the same GET revalidated by its ETag (304), for
// each of the typical frontend queries, so the two are measured under the
// same machine load.
func BenchmarkConditionalGET(b *testing.B) {
	srv := newBenchServer(b)
	for name, q := range benchQueries {
		u := srv.URL + "/graphql?" + url.Values{"query": {q}}.Encode()
		get := func(etag string) (*http.Response, time.Duration) {
			req, _ := http.NewRequest(http.MethodGet, u, nil)
			if etag != "" {
				req.Header.Set("If-None-Match", etag)
			}
			start := time.Now()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp, time.Since(start)
		}
		b.Run(name, func(b *testing.B) {
			first, _ := get("")
			etag := first.Header.Get("ETag")
			if etag == "" {
				b.Fatalf("no ETag for %s", name)
			}
			var full, revalidated time.Duration
			for b.Loop() {
				resp, d := get("")
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("full answer: %d", resp.StatusCode)
				}
				full += d
				resp, d = get(etag)
				if resp.StatusCode != http.StatusNotModified {
					b.Fatalf("revalidation: %d", resp.StatusCode)
				}
				revalidated += d
			}
			b.ReportMetric(float64(full.Microseconds())/float64(b.N), "µs-full/op")
			b.ReportMetric(float64(revalidated.Microseconds())/float64(b.N), "µs-304/op")
			b.ReportMetric(float64(full)/float64(revalidated), "full/304")
		})
	}
}
