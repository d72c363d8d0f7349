package neo4jstore

import (
	"context"
	"net"
	"testing"
	"time"

	"kgraph/graph/store"
)

// closedPort returns a local address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestUnreachable needs no Neo4j: it checks that a store opens with the
// server down and reports it as EUNAVAILABLE, quickly, as the server's
// start-up (Ping with backoff) expects.
func TestUnreachable(t *testing.T) {
	s, err := Open(context.Background(), Config{URI: "bolt://" + closedPort(t), Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatalf("Open failed with Neo4j down: %v", err)
	}
	defer s.Close()

	start := time.Now()
	err = s.Ping(context.Background())
	if code := store.ErrorCode(err); code != store.EUNAVAILABLE {
		t.Fatalf("Ping = %v (code %q), want %s", err, code, store.EUNAVAILABLE)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("Ping took %v to report a closed port", d)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = s.Entities(ctx, []string{"croatia"})
	if code := store.ErrorCode(err); code != store.EUNAVAILABLE {
		t.Fatalf("Entities = %v (code %q), want %s", err, code, store.EUNAVAILABLE)
	}
}
