// Command gen writes the dataset JSON Schema, built from the rules of
// graph/store, to the file named on its command line:
//
//	go run ./gen ../../seed/dataset.schema.json
//
// `go generate ./graph/dataset` runs it; make test checks that the
// published file is current.
package main

import (
	"fmt"
	"os"

	"kgraph/graph/dataset"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen FILE")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], dataset.Schema(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
