package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// benchQueries are the requests a frontend typically makes.
var benchQueries = map[string]string{
	"entity":       `{ entity(id: "croatia") { id name labels { lang text } relations(first: 50) { totalCount nodes { type from { name } to { name } start end sources { document { title } paragraph sentence } } } } }`,
	"search":       `{ search(text: "الاتحاد السوفييتي", lang: "ar") { id name(lang: "ar") } }`,
	"neighborhood": `{ neighborhood(id: "soviet-union", depth: 2) { entities { id name kind } relations { id type fromId toId start end } } }`,
	"path":         `{ shortestPath(from: "croatia", to: "russian-federation") { length entities { id } relations { type } } }`,
	"timeline":     `{ timeline(entity: "soviet-union") { id type start end from { name } to { name } } }`,
	"1-hop":        `{ entity(id: "croatia") { relations(direction: OUT) { nodes { type start end to { id name } } } } }`,
}

// BenchmarkGraphQL measures whole requests through the real handler over
// HTTP, seeded graph, embedded store.
func BenchmarkGraphQL(b *testing.B) {
	for name, q := range benchQueries {
		b.Run(name, func(b *testing.B) {
			benchmarkQuery(b, newBenchServer(b).URL, q)
		})
	}
}

// benchmarkQuery posts the query to the server at url in a loop, failing
// on any answer that is not a 200 without GraphQL errors.
func benchmarkQuery(b *testing.B, url, query string) {
	body, _ := json.Marshal(map[string]string{"query": query})
	b.ReportAllocs()
	for b.Loop() {
		resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
			b.Fatalf("status %d: %.300s", resp.StatusCode, out)
		}
	}
}

// BenchmarkRefusals measures how long the real handler takes, over HTTP,
// to refuse each attack (see attacks): the time a hostile request costs.
func BenchmarkRefusals(b *testing.B) {
	srv := newBenchServer(b)
	for _, a := range attacks {
		b.Run(strings.ReplaceAll(a.name, " ", "_"), func(b *testing.B) {
			body, _ := json.Marshal(map[string]string{"query": a.query})
			b.ReportAllocs()
			for b.Loop() {
				resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				out, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode < 400 || !bytes.Contains(out, []byte(a.code)) {
					b.Fatalf("status %d: %.200s", resp.StatusCode, out)
				}
			}
		})
	}
}
