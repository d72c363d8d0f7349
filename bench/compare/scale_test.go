package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestScaleTableTakesTheTableAndTheGoals checks that the report carries
// bench/scale's table and the lines saying which goals are met, and
// nothing else of scale.md.
func TestScaleTableTakesTheTableAndTheGoals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scale.md")
	md := "# Embedded store at scale\n\n| relations | heap |\n|---:|---:|\n| 1000 | 250 B |\n\n## Goals\n\nAt 1000 relations:\n\n- Heap: met.\n- Import: missed by 2 s.\n\n## Where the time and memory go\n\n- not a goal\n"
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"| relations | heap |", "|---:|---:|", "| 1000 | 250 B |", "- Heap: met.", "- Import: missed by 2 s."}
	if got := scaleTable(path); !slices.Equal(got, want) {
		t.Fatalf("scaleTable = %q, want %q", got, want)
	}
	if got := scaleTable(filepath.Join(t.TempDir(), "missing.md")); got != nil {
		t.Fatalf("scaleTable of a missing file = %q", got)
	}
}
