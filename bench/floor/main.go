// Command floor serves the comparison's floor (package floor): one Cypher
// query per operation of the mix, over the Neo4j that NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE name.
//
//	go run ./bench/floor -addr 127.0.0.1:8091
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/bench/internal/floor"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "address to listen on")
	flag.Parse()
	if err := run(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(addr string) error {
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"),
		neo4j.BasicAuth(envOr("NEO4J_USERNAME", "neo4j"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return err
	}
	return http.ListenAndServe(addr, floor.Handler(driver, envOr("NEO4J_DATABASE", "neo4j")))
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
