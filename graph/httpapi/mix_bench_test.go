package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/synthetic"
)

// mixQueries are the comparison harness's q3 and q5 (bench/compare) on its
// default graph, for profiling the embedded store's share of them.
var mixQueries = map[string]string{
	"q3": `{ neighborhood(id: "e001666", depth: 2, limit: 1000) { entityIds truncated } }`,
	"q5": `{ search(text: "federal united land 125", first: 10) { id } }`,
}

// BenchmarkSyntheticMix sends the harness's heaviest queries through the real
// handler over HTTP, on the embedded store holding the harness's default
// synthetic graph (5,000 entities, 20,000 relations).
func BenchmarkSyntheticMix(b *testing.B) {
	s, err := memstore.Open(filepath.Join(b.TempDir(), "mix.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Apply(context.Background(), synthetic.Dataset(5000, 4), store.ApplyOptions{}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(srv.Close)
	for name, q := range mixQueries {
		b.Run(name, func(b *testing.B) { benchmarkQuery(b, srv.URL, q) })
	}
}
