package httpapi_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store/memstore/memstoretest"
)

// FuzzRequest sends whole requests, any method, media type, query string
// and body, through the real handler over the seed: whatever arrives, the
// answer is never a 5xx (a panic would be one).
func FuzzRequest(f *testing.F) {
	seeds := []struct {
		method                      byte
		contentType, rawQuery, body string
	}{
		{1, "application/json", "", `{"query":"{ entity(id: \"croatia\") { id name relations { nodes { to { id } } } } }"}`},
		{1, "application/json", "", `[{"query":"{ vocabulary { entityKinds { id } } }"},{"query":"{ search(text: \"srb\") { id } }"}]`},
		{1, "application/json", "", `{"query":"query($at: PartialDate) { relations(at: $at) { totalCount } }","variables":{"at":"1955-13"}}`},
		{1, "application/json", "", `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`},
		{1, "application/json; charset=utf-8", "", `{"query":"{ neighborhood(id: \"croatia\", depth: 2) { entities { id } truncated } }"}`},
		{0, "", "query=" + url.QueryEscape(`{ shortestPath(from: "croatia", to: "serbia") { length } }`), ""},
		{0, "", "query=%7B&variables=%5B", ""},
		{2, "text/plain", "", "{}"},
		{1, "application/json", "", `{"query":"{ timeline(from: \"1990\", to: \"1950\") { id } }"}`},
		{1, "application/json", "", `{"query":"{ relations(at: 111111111111111111111111) { totalCount } }"}`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.contentType, s.rawQuery, []byte(s.body))
	}
	h := httpapi.NewHandler(httpapi.Config{Store: memstoretest.Seeded(f), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Limits: httpapi.Limits{Batching: true}})
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodOptions, http.MethodDelete, "PROPFIND"}
	f.Fuzz(func(t *testing.T, method byte, contentType, rawQuery string, body []byte) {
		req := httptest.NewRequest(methods[int(method)%len(methods)], "/graphql", bytes.NewReader(body))
		req.URL.RawQuery = rawQuery
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s (%s) %q: status %d: %s", req.Method, rawQuery, contentType, body, rec.Code, rec.Body)
		}
	})
}
