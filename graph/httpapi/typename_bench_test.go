package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// typenameRatioQueries are the embedded store's targets, each compared with
// gqlgen's own {__typename}, which reads nothing: what the handler, HTTP and
// JSON cost alone.
var typenameRatioQueries = []struct{ name, query string }{
	{"typename", `{ __typename }`},
	{"lookup", `{ entity(id: "croatia") { id name } }`},
	{"1-hop", `{ entity(id: "croatia") { relations(direction: OUT) { nodes { type start end to { id name } } } } }`},
	{"2-hop", `{ neighborhood(id: "croatia", depth: 2) { entities { id } } }`},
}

// BenchmarkEmbeddedVsTypename sends each query of typenameRatioQueries in
// turn, in interleaved rounds of the same number of requests from 8
// concurrent clients, through the real handler over HTTP on the seeded
// embedded store, and reports each query's throughput as a fraction of
// {__typename}'s (metrics "lookup/typename" and so on). Rounds interleave
// so that a noisy neighbour slows every query alike.
func BenchmarkEmbeddedVsTypename(b *testing.B) {
	srv := newBenchServer(b)
	const clients, perRound = 8, 200
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	bodies := make([][]byte, len(typenameRatioQueries))
	for i, q := range typenameRatioQueries {
		bodies[i], _ = json.Marshal(map[string]string{"query": q.query})
	}
	spent := make([]time.Duration, len(typenameRatioQueries))
	rounds := 0
	for b.Loop() {
		for i := range typenameRatioQueries {
			started := time.Now()
			if err := sendConcurrently(client, srv.URL+"/graphql", bodies[i], clients, perRound); err != nil {
				b.Fatalf("%s: %v", typenameRatioQueries[i].name, err)
			}
			spent[i] += time.Since(started)
		}
		rounds++
	}
	for i, q := range typenameRatioQueries {
		b.ReportMetric(float64(rounds*perRound)/spent[i].Seconds(), q.name+"-req/s")
		if i > 0 {
			b.ReportMetric(spent[0].Seconds()/spent[i].Seconds(), q.name+"/typename")
		}
	}
}

// sendConcurrently posts body n times from the given number of clients and
// fails on any answer that is not a 200 without GraphQL errors.
func sendConcurrently(client *http.Client, url string, body []byte, clients, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := c; k < n; k += clients {
				resp, err := client.Post(url, "application/json", bytes.NewReader(body))
				if err != nil {
					errs <- err
					return
				}
				out, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
					errs <- &badAnswer{resp.StatusCode, string(out)}
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

type badAnswer struct {
	status int
	body   string
}

func (e *badAnswer) Error() string { return http.StatusText(e.status) + ": " + e.body }
