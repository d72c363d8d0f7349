package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// checkEnvelope answers requests that are not GraphQL requests before
// gqlgen sees them, each with a 4xx and a code: a method other than GET,
// POST and OPTIONS (405 with Allow), a POST body that is not
// application/json (415 with Accept), a body that is not JSON or whose
// query, operationName, variables or extensions have the wrong type
// (400), and a JSON array while batching is off (400). gqlgen would call
// these internal errors, and copy the body into them.
func checkEnvelope(l Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodOptions:
		case http.MethodGet:
			q := r.URL.Query()
			for _, name := range []string{"variables", "extensions"} {
				if v := q.Get(name); v != "" && !isJSONObject([]byte(v)) {
					writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, fmt.Sprintf("the %s parameter must be a JSON object", name))
					return
				}
			}
		case http.MethodPost:
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
				w.Header().Set("Accept", "application/json")
				writeGraphQLError(w, r, http.StatusUnsupportedMediaType, codeUnsupportedMediaType, "a POST body must be application/json")
				return
			}
			body, _ := io.ReadAll(r.Body) // limitRequest has read it already
			r.Body = io.NopCloser(bytes.NewReader(body))
			if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' {
				serveBatch(w, r, l, trimmed, next)
				return
			}
			if msg := envelopeProblem(body); msg != "" {
				writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, msg)
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, codeMethodNotAllowed, fmt.Sprintf("%s is not allowed; use GET or POST", r.Method))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// envelopeProblem says what is wrong with a POST body, or "" when it is a
// GraphQL request object.
func envelopeProblem(body []byte) string {
	var env map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&env); err != nil || env == nil {
		return "the body must be a JSON object with a query"
	}
	if dec.More() {
		return "the body must hold one JSON object"
	}
	for _, name := range []string{"query", "operationName"} {
		if v, ok := env[name]; ok && !isJSONString(v) && string(v) != "null" {
			return fmt.Sprintf("%s must be a string", name)
		}
	}
	for _, name := range []string{"variables", "extensions"} {
		if v, ok := env[name]; ok && !isJSONObject(v) && string(v) != "null" {
			return fmt.Sprintf("%s must be a JSON object", name)
		}
	}
	return ""
}

func isJSONString(v []byte) bool {
	var s string
	return json.Unmarshal(v, &s) == nil
}

func isJSONObject(v []byte) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(v, &m) == nil && m != nil
}

// serveBatch runs each request of a JSON array body in turn and answers
// the array of their responses, when batching is on and the batch is
// within its limit.
func serveBatch(w http.ResponseWriter, r *http.Request, l Limits, body []byte, next http.Handler) {
	if streamOf(r.Context()) != nil {
		writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, "a batch cannot be answered as an event stream; send one request")
		return
	}
	if !l.Batching {
		writeGraphQLError(w, r, http.StatusBadRequest, codeBatchingDisabled, "batching is not enabled on this server; send one request per POST")
		return
	}
	var items []json.RawMessage
	if err := json.Unmarshal(body, &items); err != nil || len(items) == 0 {
		writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, "a batch must be a non-empty JSON array of request objects")
		return
	}
	if len(items) > l.MaxBatch {
		writeGraphQLError(w, r, http.StatusBadRequest, codeBatchTooLarge, fmt.Sprintf("the batch holds %d requests, more than the limit of %d", len(items), l.MaxBatch))
		return
	}
	for i, item := range items {
		if msg := envelopeProblem(item); msg != "" {
			writeGraphQLError(w, r, http.StatusBadRequest, codeBadRequest, fmt.Sprintf("request %d of the batch: %s", i, msg))
			return
		}
	}
	var out bytes.Buffer
	out.WriteByte('[')
	for i, item := range items {
		one := r.Clone(r.Context())
		one.Body = io.NopCloser(bytes.NewReader(item))
		one.ContentLength = int64(len(item))
		rec := &bufferedResponse{header: http.Header{}}
		next.ServeHTTP(rec, one)
		if i > 0 {
			out.WriteByte(',')
		}
		out.Write(bytes.TrimSpace(rec.body.Bytes()))
	}
	out.WriteByte(']')
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out.Bytes())
}

// bufferedResponse keeps a response in memory: one of a batch, or the
// router's own answer to rewrite.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }

// writeGraphQLError answers with a GraphQL error response, as
// application/graphql-response+json when the client accepts it.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	contentType := "application/json"
	if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
		contentType = "application/graphql-response+json"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
		"message": message, "extensions": map[string]string{"code": code},
	}}})
}
