package cli

import (
	"net/http"
	"net/url"
	"path/filepath"
	"testing"
)

// TestServeCacheMaxAge checks the max-age of GET answers comes from
// KG_CACHE_MAX_AGE, and that 0 means revalidate every time.
func TestServeCacheMaxAge(t *testing.T) {
	for env, want := range map[string]string{"90s": "public, max-age=90", "0": "public, max-age=0"} {
		t.Run(env, func(t *testing.T) {
			base, _, _ := startServer(t, map[string]string{"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db"), "KG_CACHE_MAX_AGE": env})
			resp, err := http.Get(base + "/graphql?" + url.Values{"query": {`{ entity(id: "croatia") { id } }`}}.Encode())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || got != want || resp.Header.Get("ETag") == "" {
				t.Fatalf("%d, Cache-Control %q (want %q), ETag %q", resp.StatusCode, got, want, resp.Header.Get("ETag"))
			}
		})
	}
}
