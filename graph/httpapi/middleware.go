package httpapi

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/rs/cors"
)

// allowCrossOrigin lets frontends on other origins call the API from a
// browser. The API sends no cookies (writes need a bearer token the page
// holds), so any listed origin may call it; "*" allows every origin.
func allowCrossOrigin(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Authorization", "Content-Type", "Accept", requestIDHeader, bookmarksHeader},
		ExposedHeaders: []string{"ETag", "Retry-After", requestIDHeader, bookmarksHeader},
		MaxAge:         600,
	}).Handler(next)
}

// compress gzips responses for clients that accept it: the playground's
// scripts shrink about fourfold, and GraphQL's JSON about as much. Small
// responses are left as they are. A compressed answer's ETag gets a suffix,
// as a strong validator names one encoding (see cacheReads).
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.SuffixETag(etagSuffixes[0]), gzhttp.ContentTypeFilter(func(ct string) bool {
		// An event stream is flushed event by event; compressing it
		// would hold events back.
		return !strings.HasPrefix(ct, "text/event-stream") && gzhttp.DefaultContentTypeFilter(ct)
	}))
	if err != nil {
		panic(err) // the options are constants
	}
	return wrap(next)
}

// logRequests writes one structured line per request: method, path,
// status, size, duration and request id, and for GraphQL the operation's
// name, cost, the sha256 of its text and the code of its first error;
// never a body or variables. Health checks and metrics, polled every few seconds by
// orchestrators, are left out.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.InfoContext(r.Context(), "request", append([]any{"method", r.Method, "path", r.URL.Path,
			"status", rec.status, "bytes", rec.bytes, "ms", float64(time.Since(start).Microseconds()) / 1000},
			infoOf(r.Context()).attrs()...)...)
	})
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
