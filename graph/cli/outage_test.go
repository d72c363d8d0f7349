package cli

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// TestServeWaitsForNeo4j starts the server against a Neo4j address where
// nothing listens yet: it must stay up, report not-ready and answer
// UNAVAILABLE, then serve (seeding the empty database) as soon as Neo4j
// answers there. A TCP forwarder that starts late stands in for a Neo4j
// that comes up late.
func TestServeWaitsForNeo4j(t *testing.T) {
	cfg := neo4jtest.Reset(t)
	target := strings.TrimPrefix(strings.TrimPrefix(cfg.URI, "bolt://"), "neo4j://")

	proxyPort := freePort(t)
	env := cfg.Vars()
	env["NEO4J_URI"] = "bolt://127.0.0.1:" + proxyPort
	base, logs, stop := startServer(t, env)

	if code := status(t, base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d while Neo4j is unreachable, want 503", code)
	}
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ entity(id: \"croatia\") { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || len(body.Errors) == 0 || body.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Fatalf("GraphQL while Neo4j is unreachable: status %d, %+v", resp.StatusCode, body)
	}

	forward(t, "127.0.0.1:"+proxyPort, target)
	deadline := time.Now().Add(60 * time.Second)
	for status(t, base+"/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatalf("not ready 60s after Neo4j came up\n%s", logs)
		}
		time.Sleep(200 * time.Millisecond)
	}
	d := graphql(t, base, `{ entity(id: "croatia") { name(lang: "ar") } }`)
	if got := d["entity"].(map[string]any)["name"]; got != "كرواتيا" {
		t.Fatalf("name = %v after Neo4j came up", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "store not ready; retrying") || !strings.Contains(logs.String(), "seeded the empty store") {
		t.Fatalf("logs do not show the retries and the seeding:\n%s", logs)
	}
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// forward listens on addr and copies every connection to and from target,
// until the test ends.
func forward(t *testing.T, addr, target string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, in, out)
			mu.Unlock()
			wg.Add(2)
			go func() { defer wg.Done(); _, _ = io.Copy(out, in); out.Close() }()
			go func() { defer wg.Done(); _, _ = io.Copy(in, out); in.Close() }()
		}
	}()
}
