package seed

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedTestsPassInAFreshClone clones the repository into an empty
// directory, with nothing beside it, and runs this package's tests there:
// the seed's tests must never depend on a file outside the repository.
func TestSeedTestsPassInAFreshClone(t *testing.T) {
	if testing.Short() {
		t.Skip("clones the repository and runs go test; not in -short mode")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must run in a git checkout: %v", err)
		}
		t.Skipf("not a git checkout: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "kgraph")
	if out, err := exec.Command("git", "clone", "--quiet", strings.TrimSpace(string(top)), dir).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "..", "shared")); err == nil {
		t.Fatalf("the clone's directory has a shared/ beside it; the test needs an empty one")
	}
	cmd := exec.Command("go", "test", "-count=1", "-skip", "TestSeedTestsPassInAFreshClone", "./seed/")
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, articleEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test ./seed/ in a fresh clone failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "ok") {
		t.Fatalf("go test ./seed/ in a fresh clone did not report ok:\n%s", out)
	}
}
