package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// TestScaleReport runs the command on a small graph: everything it reports
// must have been measured.
func TestScaleReport(t *testing.T) {
	var out, progress bytes.Buffer
	md := filepath.Join(t.TempDir(), "scale.md")
	if err := run([]string{"-relations", "2000", "-json", "-out", md}, &out, &progress); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Entities != 500 || rep.Relations < 1900 || rep.Import <= 0 || rep.Load <= 0 ||
		rep.HeapBytes == 0 || rep.RSSBytes == 0 || rep.FileBytes == 0 {
		t.Fatalf("report %+v", rep)
	}
	if !bytes.Contains(progress.Bytes(), []byte("imported")) {
		t.Fatalf("no progress written: %s", progress.String())
	}
	table, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if row := fmt.Sprintf("| %d | 500 |", rep.Relations); !strings.Contains(string(table), row) {
		t.Fatalf("the report has no row %q:\n%s", row, table)
	}
}

// TestScaleReportIntoNeo4j times the same import into Neo4j, through the
// Neo4j store, and finds the graph there afterwards.
func TestScaleReportIntoNeo4j(t *testing.T) {
	e := neo4jtest.Reset(t)
	for k, v := range e.Vars() {
		t.Setenv(k, v)
	}
	var out, progress bytes.Buffer
	if err := run([]string{"-relations", "400", "-json", "-neo4j"}, &out, &progress); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Neo4jImport <= 0 {
		t.Fatalf("no Neo4j import time in %+v", rep)
	}
	rows := neo4jtest.Query(t, e, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n", nil)
	if n, _ := rows[0].Get("n"); n != int64(rep.Relations) {
		t.Fatalf("Neo4j holds %v relations after importing %d", n, rep.Relations)
	}
}

// BenchmarkImport100k imports 25,000 entities and 100,000 relations.
func BenchmarkImport100k(b *testing.B) {
	for b.Loop() {
		if _, err := measure(b.TempDir(), 25_000, "", nil, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
