package httpapi

import (
	"net/http"
	"strings"
)

// secureHeaders sets the headers every response carries: no MIME sniffing,
// no referrer sent on, no framing by other sites (clickjacking), and no
// caching of API answers (they change with every write) unless cacheReads
// makes a GET query's answer cacheable by the graph's version; the pages
// and their assets keep the caching their handlers choose.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		if r.URL.Path == "/graphql" || strings.HasPrefix(r.URL.Path, "/export/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}
