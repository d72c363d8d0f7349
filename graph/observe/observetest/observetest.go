// Package observetest reads a running server's metrics and logs in tests.
package observetest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Scrape reads one sample, such as `kgraph_store_ready` or
// `kgraph_rejected_requests_total{reason="timeout"}` written as /metrics
// writes it, from the server at base; -1 when the series is absent.
func Scrape(t testing.TB, base, series string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(body), "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			var v float64
			if _, err := fmt.Sscan(rest, &v); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return v
		}
	}
	return -1
}
