package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/auth"
	"kgraph/graph/store"
)

// DefaultCacheMaxAge is how long a browser or a CDN may reuse a GET answer
// without asking again.
const DefaultCacheMaxAge = time.Minute

// etagSuffixes are what the compression middleware appends to an ETag
// inside its quotes, so that a compressed answer's validator differs from
// the uncompressed one's; a client sends back the one it got.
var etagSuffixes = []string{"-gzip", "-zstd"}

// cacheReads makes GET queries cacheable over HTTP. The answer to a query
// depends only on the graph's content, the server's code and the request's
// query, variables, operation name and extensions, so the ETag is a hash of
// the store's version, the build and those: a client or CDN that sends it back in
// If-None-Match gets 304 Not Modified, without the query being run, until
// a write changes the version. Successful answers carry Cache-Control with
// maxAge: public when the request carries no credentials (Authorization or
// Cookie), private otherwise. Answers with errors, POSTs and incremental
// (@defer) answers keep the no-store of every API answer.
func cacheReads(s store.Store, maxAge time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !r.URL.Query().Has("query") && !r.URL.Query().Has("extensions") {
			next.ServeHTTP(w, r)
			return
		}
		version, err := s.Version(r.Context())
		if err != nil {
			// The query will meet the same trouble and say so; its
			// answer is not cached.
			next.ServeHTTP(w, r)
			return
		}
		etag := readETag(version, r)
		control := cacheControl(r, maxAge)
		if ifNoneMatch(r.Header.Get("If-None-Match"), etag) {
			h := w.Header()
			h.Set("ETag", etag)
			h.Set("Cache-Control", control)
			h.Add("Vary", "Authorization, Cookie")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		c := &cacheable{ok: true}
		next.ServeHTTP(&cachingWriter{ResponseWriter: w, cacheable: c, etag: etag, control: control}, r.WithContext(context.WithValue(r.Context(), cacheableKey{}, c)))
	})
}

// codeVersion names the build: a new release may answer the same query on
// the same graph differently, so its ETags differ. It is the commit the
// binary was built from, and the same on every replica of one release.
var codeVersion = func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			v += " " + s.Value
		}
	}
	return v
}()

// readETag is the strong validator of one query against one version of
// the graph, for one role.
func readETag(version string, r *http.Request) string {
	q := r.URL.Query()
	h := sha256.New()
	// The caller's role is part of it: fields that need one answer
	// differently without it.
	role := auth.FromContext(r.Context()).Role.String()
	for _, part := range []string{codeVersion, version, role, q.Get("query"), q.Get("variables"), q.Get("operationName"), q.Get("extensions")} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return `"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18]) + `"`
}

func cacheControl(r *http.Request, maxAge time.Duration) string {
	scope := "public"
	if r.Header.Get("Authorization") != "" || r.Header.Get("Cookie") != "" {
		scope = "private"
	}
	return fmt.Sprintf("%s, max-age=%d", scope, int(maxAge.Seconds()))
}

// ifNoneMatch reports whether an If-None-Match header names etag: "*", or
// a list of tags compared weakly (RFC 9110 13.1.2), ignoring the
// compression suffix.
func ifNoneMatch(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
		for _, suffix := range etagSuffixes {
			if strings.TrimSuffix(strings.TrimSuffix(tag, `"`), suffix)+`"` == etag {
				return true
			}
		}
	}
	return false
}

// cacheable records whether the answer being written may be cached: the
// GraphQL handler clears it when the answer has errors or is incremental.
type cacheable struct{ ok bool }

type cacheableKey struct{}

// markUncacheable is a gqlgen response hook: an answer with errors (which
// may be passing, such as a timeout) or one of several parts is never
// cached.
func markUncacheable(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if c, ok := ctx.Value(cacheableKey{}).(*cacheable); ok && resp != nil && (len(resp.Errors) > 0 || resp.HasNext != nil || resp.Label != "") {
		c.ok = false
	}
	return resp
}

// cachingWriter adds the caching headers to a successful, cacheable answer
// as its header is written.
type cachingWriter struct {
	http.ResponseWriter
	cacheable     *cacheable
	etag, control string
	wroteHeader   bool
}

func (w *cachingWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		if code == http.StatusOK && w.cacheable.ok {
			h := w.Header()
			h.Set("ETag", w.etag)
			h.Set("Cache-Control", w.control)
			h.Add("Vary", "Authorization, Cookie")
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *cachingWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *cachingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
