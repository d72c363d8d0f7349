// Command load is the service's load harness: it sends a steady rate of
// typical GraphQL requests (search, entity with its relations,
// neighbourhood, path, timeline, relations in force at a year) with vegeta
// and reports latency percentiles, throughput and the success ratio.
//
// By default it starts the real server handler in-process over a seeded
// embedded store on 127.0.0.1; -url points it at a running server instead,
// which must be on this machine (a loopback address): it is a load test,
// never to be aimed at someone else's server.
//
//	go run ./bench/load -rate 200 -duration 10s
//	go run ./bench/load -url http://127.0.0.1:8080 -rate 500 -duration 30s
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/seed"
)

// queries is the request mix, one of each in turn.
var queries = []string{
	`{ search(text: "الاتحاد السوفييتي", lang: "ar") { id name(lang: "ar") } }`,
	`{ entity(id: "croatia") { id name labels { lang text } relations { totalCount nodes { type from { name } to { name } start end sources { document { title } paragraph sentence } } } } }`,
	`{ neighborhood(id: "soviet-union", depth: 2) { entities { id name kind } relations { id type fromId toId start end } } }`,
	`{ shortestPath(from: "croatia", to: "russian-federation") { length entities { id } relations { type } } }`,
	`{ timeline(entity: "soviet-union") { id type start end from { name } to { name } } }`,
	`{ relations(at: "1955", first: 100) { totalCount nodes { id type } } }`,
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// Report is what one run measured.
type Report struct {
	Requests   uint64        `json:"requests"`
	Rate       float64       `json:"rate"`
	Throughput float64       `json:"throughput"`
	Success    float64       `json:"success"`
	P50        time.Duration `json:"p50"`
	P95        time.Duration `json:"p95"`
	P99        time.Duration `json:"p99"`
	Max        time.Duration `json:"max"`
	Errors     []string      `json:"errors,omitempty"`
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	target := fs.String("url", "", "base URL of a running server on this machine (default: an in-process server)")
	rate := fs.Int("rate", 100, "requests per second")
	duration := fs.Duration("duration", 5*time.Second, "how long to send requests (at most 5m)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *duration <= 0 || *duration > 5*time.Minute || *rate <= 0 {
		return fmt.Errorf("-duration must be in (0, 5m] and -rate positive")
	}
	base := *target
	if base == "" {
		srv, err := inProcessServer()
		if err != nil {
			return err
		}
		defer srv.Close()
		base = srv.URL
	} else if err := mustBeLoopback(base); err != nil {
		return err
	}
	rep, err := attack(base, *rate, *duration)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "requests %d  rate %.0f/s  throughput %.0f/s  success %.2f%%\nlatency p50 %v  p95 %v  p99 %v  max %v\n",
		rep.Requests, rep.Rate, rep.Throughput, rep.Success*100, rep.P50, rep.P95, rep.P99, rep.Max)
	for _, e := range rep.Errors {
		fmt.Fprintln(stdout, "error:", e)
	}
	return nil
}

// attack sends the query mix at rate per second for d, bounded in count
// and time, and returns the measurements.
func attack(base string, rate int, d time.Duration) (*Report, error) {
	targets := make([]vegeta.Target, len(queries))
	for i, q := range queries {
		body, _ := json.Marshal(map[string]string{"query": q})
		targets[i] = vegeta.Target{Method: http.MethodPost, URL: base + "/graphql", Body: body,
			Header: http.Header{"Content-Type": []string{"application/json"}}}
	}
	attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.MaxWorkers(256))
	var m vegeta.Metrics
	for res := range attacker.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: rate, Per: time.Second}, d, "load") {
		if res.Code == http.StatusOK && json.Valid(res.Body) && hasErrors(res.Body) {
			res.Error = "graphql errors: " + string(res.Body)
		}
		m.Add(res)
	}
	m.Close()
	return &Report{
		Requests: m.Requests, Rate: m.Rate, Throughput: m.Throughput, Success: m.Success,
		P50: m.Latencies.P50, P95: m.Latencies.P95, P99: m.Latencies.P99, Max: m.Latencies.Max, Errors: m.Errors,
	}, nil
}

func hasErrors(body []byte) bool {
	var r struct {
		Errors []json.RawMessage `json:"errors"`
	}
	return json.Unmarshal(body, &r) == nil && len(r.Errors) > 0
}

// inProcessServer serves the real handler over a seeded embedded store on 127.0.0.1.
func inProcessServer() (*httptest.Server, error) {
	dir, err := os.MkdirTemp("", "kgraph-load-")
	if err != nil {
		return nil, err
	}
	s, err := memstore.Open(filepath.Join(dir, "graph.db"))
	if err != nil {
		return nil, err
	}
	d, err := seed.Dataset()
	if err != nil {
		return nil, err
	}
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	return httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: logger})), nil
}

// mustBeLoopback refuses any target that is not on this machine.
func mustBeLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-url must point at this machine (localhost or a loopback address), got %q", host)
}
