package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kgraph/graph/store"
)

// decodeChanges reads JSON Lines of changes.
func decodeChanges(t *testing.T, out string) []store.Change {
	t.Helper()
	var changes []store.Change
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var c store.Change
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%v in line %q", err, line)
		}
		changes = append(changes, c)
	}
	return changes
}

// TestChangesExport imports the example twice, the second time with one
// entity renamed, and exports the change log whole, after a seq, for one
// entity and to a file; bad flags are usage errors.
func TestChangesExport(t *testing.T) {
	env := importedExample(t)
	imported := decodeChanges(t, mustKG(t, env, "changes")) // an import writes in batches, a change each
	if len(imported) == 0 {
		t.Fatal("the import left no change in the log")
	}
	renamed := strings.Replace(exampleDataset(t), `"Belgrade"`, `"Beograd"`, 1)
	mustKG(t, env, "import", writeDataset(t, "renamed.json", renamed))

	all := decodeChanges(t, mustKG(t, env, "changes"))
	n := len(imported)
	if len(all) != n+1 {
		t.Fatalf("%d changes after a second import, want %d", len(all), n+1)
	}
	for i, c := range all {
		if c.Seq != int64(i+1) || c.Action != "import" || c.Actor != "import" {
			t.Errorf("change %d: seq %d, action %q, actor %q", i, c.Seq, c.Action, c.Actor)
		}
	}
	rename := all[n].Elements
	if len(rename) != 1 || rename[0].ID != "belgrade" || rename[0].Version != 2 ||
		!strings.Contains(string(rename[0].Before), "Belgrade") || !strings.Contains(string(rename[0].After), "Beograd") {
		t.Errorf("the rename: %+v", rename)
	}
	if got := decodeChanges(t, mustKG(t, env, "changes", "--after", fmt.Sprint(n))); len(got) != 1 || got[0].Seq != int64(n+1) {
		t.Errorf("after %d: %+v", n, got)
	}
	bridge := decodeChanges(t, mustKG(t, env, "changes", "--entity", "brankos-bridge"))
	if len(bridge) != 2 { // the entity, and its relation to Belgrade
		t.Errorf("%d changes touch the bridge, want 2", len(bridge))
	}
	for _, c := range bridge {
		if !c.Touches("brankos-bridge") {
			t.Errorf("change %d does not touch the bridge", c.Seq)
		}
	}
	path := filepath.Join(t.TempDir(), "changes.jsonl")
	if out := mustKG(t, env, "changes", "-o", path); !strings.Contains(out, fmt.Sprintf("exported %d changes", n+1)) {
		t.Errorf("with -o it said %q", out)
	}
	if b, err := os.ReadFile(path); err != nil || len(decodeChanges(t, string(b))) != n+1 {
		t.Errorf("the file: %v\n%s", err, b)
	}
	for _, bad := range [][]string{{"--since", "yesterday"}, {"--after", "-1"}} {
		if _, stderr, err := kgStreams(t, env, append([]string{"changes"}, bad...)...); err == nil || !strings.Contains(stderr, strings.TrimLeft(bad[0], "-")) {
			t.Errorf("%v: %v, %q", bad, err, stderr)
		}
	}
}
