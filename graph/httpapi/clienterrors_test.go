package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestClientMistakesAreClientErrors sends requests that are wrong in each
// way a client can get one wrong: each is a 4xx with its own code, never
// INTERNAL, and never echoes the body back.
func TestClientMistakesAreClientErrors(t *testing.T) {
	srv := newServer(t)
	const marker = "SECRET-BODY-MARKER"
	const q = `{ entity(id: \"croatia\") { id } }`
	tests := []struct {
		name, method, contentType, body, query string
		status                                 int
		code, header, headerWants              string
	}{
		{"malformed JSON", "POST", "application/json", `{"query": "` + marker, "", 400, "BAD_REQUEST", "", ""},
		{"not an object", "POST", "application/json", `"` + marker + `"`, "", 400, "BAD_REQUEST", "", ""},
		{"query of the wrong type", "POST", "application/json", `{"query": 42}`, "", 400, "BAD_REQUEST", "", ""},
		{"variables of the wrong type", "POST", "application/json", `{"query": "` + q + `", "variables": "` + marker + `"}`, "", 400, "BAD_REQUEST", "", ""},
		{"extensions of the wrong type", "POST", "application/json", `{"query": "` + q + `", "extensions": []}`, "", 400, "BAD_REQUEST", "", ""},
		{"two objects", "POST", "application/json", `{"query": "` + q + `"} {}`, "", 400, "BAD_REQUEST", "", ""},
		{"batch while batching is off", "POST", "application/json", `[{"query": "` + q + `"}]`, "", 400, "BATCHING_DISABLED", "", ""},
		{"unknown persisted query", "POST", "application/json", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + sha("nothing") + `"}}}`, "", 0, "PERSISTED_QUERY_NOT_FOUND", "", ""},
		{"persisted query hash mismatch", "POST", "application/json", `{"query": "` + q + `", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + sha("other") + `"}}}`, "", 0, "PERSISTED_QUERY_HASH_MISMATCH", "", ""},
		{"persisted query of another version", "POST", "application/json", `{"query": "` + q + `", "extensions": {"persistedQuery": {"version": 2, "sha256Hash": "` + sha("other") + `"}}}`, "", 0, "BAD_REQUEST", "", ""},
		{"persisted query not an object", "POST", "application/json", `{"query": "` + q + `", "extensions": {"persistedQuery": "` + marker + `"}}`, "", 0, "BAD_REQUEST", "", ""},
		{"PUT", "PUT", "application/json", `{"query": "` + q + `"}`, "", 405, "METHOD_NOT_ALLOWED", "Allow", "POST"},
		{"DELETE", "DELETE", "", "", "", 405, "METHOD_NOT_ALLOWED", "Allow", "GET"},
		{"PATCH", "PATCH", "application/json", `{"query": "` + q + `"}`, "", 405, "METHOD_NOT_ALLOWED", "Allow", "POST"},
		{"text body", "POST", "text/plain", marker, "", 415, "UNSUPPORTED_MEDIA_TYPE", "Accept", "application/json"},
		{"form body", "POST", "application/x-www-form-urlencoded", "query=" + marker, "", 415, "UNSUPPORTED_MEDIA_TYPE", "Accept", "application/json"},
		{"GET with variables that are not an object", "GET", "", "", "query=" + url.QueryEscape(`query($id: ID!) { entity(id: $id) { id } }`) + "&variables=" + marker, 400, "BAD_REQUEST", "", ""},
		{"out-of-range Int literal", "POST", "application/json", `{"query": "{ relations(at: 111111111111111111111111) { totalCount } }"}`, "", 0, "GRAPHQL_VALIDATION_FAILED", "", ""},
		{"out-of-range Int variable", "POST", "application/json", `{"query": "query($n: Int) { entities(first: $n) { totalCount } }", "variables": {"n": 111111111111111111111111}}`, "", 0, "GRAPHQL_VALIDATION_FAILED", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+"/graphql?"+tt.query, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, raw, r := send(t, req)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || (tt.status != 0 && resp.StatusCode != tt.status) {
				t.Errorf("status %d, want %d (a 4xx)", resp.StatusCode, tt.status)
			}
			if codeOf(r) != tt.code {
				t.Errorf("code %v (%+v), want %s", codeOf(r), r.Errors, tt.code)
			}
			if tt.header != "" && !strings.Contains(resp.Header.Get(tt.header), tt.headerWants) {
				t.Errorf("%s: %q, want it to name %s", tt.header, resp.Header.Get(tt.header), tt.headerWants)
			}
			if bytes.Contains(raw, []byte(marker)) {
				t.Errorf("the response echoes the body: %.300s", raw)
			}
		})
	}
}

// TestAutomaticPersistedQueries checks the round trip a client makes: the
// hash alone is unknown, the hash with the text runs and is remembered,
// and then the hash alone runs.
func TestAutomaticPersistedQueries(t *testing.T) {
	srv := newServer(t)
	const q = `{ entity(id: "croatia") { id } }`
	ext := `"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + sha(q) + `"}}`
	if status, r := post(t, srv, `{`+ext+`}`); status < 400 || codeOf(r) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("hash alone, first: %d %+v", status, r.Errors)
	}
	text, _ := json.Marshal(q)
	if status, r := post(t, srv, `{"query": `+string(text)+`, `+ext+`}`); status != 200 || len(r.Errors) > 0 {
		t.Fatalf("hash with text: %d %+v", status, r.Errors)
	}
	if status, r := post(t, srv, `{`+ext+`}`); status != 200 || !strings.Contains(string(r.Data), "croatia") {
		t.Fatalf("hash alone, after: %d %+v", status, r.Errors)
	}
}

// failingStore fails every lookup of an entity with an unexpected error.
type failingStore struct{ store.Store }

const storeSecret = "connection to 10.0.0.7 refused, password hunter2"

func (failingStore) Entity(context.Context, string) (*store.Entity, error) {
	return nil, errors.New(storeSecret)
}

func (failingStore) Entities(context.Context, []string) ([]*store.Entity, error) {
	return nil, errors.New(storeSecret)
}

// panickingStore panics on every lookup of entities, as a bug would.
type panickingStore struct{ store.Store }

func (panickingStore) Entities(context.Context, []string) ([]*store.Entity, error) {
	panic(storeSecret)
}

func (panickingStore) Entity(context.Context, string) (*store.Entity, error) {
	panic(storeSecret)
}

// TestInternalErrorsShowOnlyARequestID checks that a fault of the server,
// an error or a panic, shows the client a generic message with the
// request's id, and is logged once, with its detail and that id.
func TestInternalErrorsShowOnlyARequestID(t *testing.T) {
	for name, s := range map[string]store.Store{"error": failingStore{seededStore(t)}, "panic": panickingStore{seededStore(t)}} {
		t.Run(name, func(t *testing.T) { internalErrorShowsOnlyARequestID(t, s) })
	}
}

func internalErrorShowsOnlyARequestID(t *testing.T, s store.Store) {
	var logs bytes.Buffer
	h := httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	srv := httptest.NewServer(h)
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query": "{ entity(id: \"croatia\") { id } }"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, raw, r := send(t, req)
	id := resp.Header.Get("X-Request-Id")
	if id == "" || codeOf(r) != "INTERNAL" || !strings.Contains(r.Errors[0].Message, id) || r.Errors[0].Extensions["requestId"] != id {
		t.Fatalf("request id %q, response %s", id, raw)
	}
	if strings.Contains(string(raw), "hunter2") || strings.Contains(string(raw), "10.0.0.7") {
		t.Fatalf("the client sees the detail: %s", raw)
	}
	var internal int
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(line, `"msg":"internal error"`) {
			internal++
			if !strings.Contains(line, "hunter2") || !strings.Contains(line, `"request_id":"`+id+`"`) {
				t.Errorf("log line without the detail or the id: %s", line)
			}
		}
	}
	if internal != 1 {
		t.Fatalf("%d internal error lines, want 1:\n%s", internal, logs.String())
	}
}

func TestRequestIDs(t *testing.T) {
	srv := newServer(t)
	get := func(id string) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/healthz", nil)
		if id != "" {
			req.Header.Set("X-Request-Id", id)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Request-Id")
	}
	made := get("")
	if !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(made) || get("") == made {
		t.Fatalf("made request ids %q are not fresh random ids", made)
	}
	if got := get("proxy-4f2a-9b1c"); got != "proxy-4f2a-9b1c" {
		t.Fatalf("a well-formed id from a proxy is replaced by %q", got)
	}
	if got := get("bad id <script>"); got == "" || strings.Contains(got, "script") {
		t.Fatalf("a malformed id is kept: %q", got)
	}
}

// TestLogsHoldNoBodiesOrVariables checks that the access log names the
// operation, its cost and a hash of the query, and holds neither the query
// text, nor its variables, nor a malformed body.
func TestLogsHoldNoBodiesOrVariables(t *testing.T) {
	var logs bytes.Buffer
	h := httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	const q = `query FindIt($text: String!) { search(text: $text) { id } }`
	body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"text": "Croatia-VARIABLE-MARKER"}})
	for _, b := range []string{string(body), `{"query": "BODY-MARKER`, `{"query": "{ entity(id: \"BODY-MARKER\") { population } }"}`} {
		h.ServeHTTP(httptest.NewRecorder(), withJSON(httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(b))))
	}
	out := logs.String()
	if strings.Contains(out, "MARKER") || strings.Contains(out, "search(text") {
		t.Fatalf("the log holds request text:\n%s", out)
	}
	if !strings.Contains(out, `"operation":"FindIt"`) || !strings.Contains(out, `"query_sha256":"`+sha(q)+`"`) || !regexp.MustCompile(`"cost":[1-9]`).MatchString(out) {
		t.Fatalf("the log does not name the operation, its hash and cost:\n%s", out)
	}
	if !strings.Contains(out, `"code":"GRAPHQL_VALIDATION_FAILED"`) {
		t.Fatalf("the log does not give the refused query's code:\n%s", out)
	}
}

// TestPlainRoutesAnswerCodedErrors checks that the routes outside GraphQL
// refuse in the same way: JSON with a code, and Allow on a 405.
func TestPlainRoutesAnswerCodedErrors(t *testing.T) {
	srv := newServer(t)
	for _, tt := range []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/nowhere", 404, "NOT_FOUND", ""},
		{"POST", "/export/graph.json", 405, "METHOD_NOT_ALLOWED", "GET"},
		{"DELETE", "/healthz", 405, "METHOD_NOT_ALLOWED", "GET"},
		{"GET", "/export/graph.json?at=yesterday", 400, "INVALID", ""},
	} {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Error struct{ Code string } }
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tt.status || body.Error.Code != tt.code || !strings.Contains(resp.Header.Get("Allow"), tt.allow) {
			t.Errorf("%s %s: %d %+v (Allow %q), %v; want %d %s", tt.method, tt.path, resp.StatusCode, body, resp.Header.Get("Allow"), err, tt.status, tt.code)
		}
	}
}
