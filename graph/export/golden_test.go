package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// The golden files show each format on tinyDataset, so that a change to a
// format is seen, and reviewed, in the diff of its golden file.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{JSON, "tiny.dataset.json"},
		{Cytoscape, "tiny.cytoscape.json"},
		{GraphML, "tiny.graphml"},
		{Cypher, "tiny.cypher"},
		{GEXF, "tiny.gexf"},
		{DOT, "tiny.dot"},
	} {
		t.Run(tc.format.Name, func(t *testing.T) {
			got := encode(t, tc.format, tinyDataset())
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output; if the change is intended, run go test ./graph/export -update and review the diff\n--- got:\n%s", path, got)
			}
		})
	}
}
