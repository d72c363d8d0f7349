package cli

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
)

// TestComposeFile parses docker-compose.yml and checks what deployment
// relies on: Neo4j 5.26 Community with a health check and a volume, and the
// service built from the Dockerfile, started once Neo4j is healthy and
// configured by the NEO4J_* variables.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       any               `yaml:"build"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
			DependsOn map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	neo, app := compose.Services["neo4j"], compose.Services["kgraph"]
	if neo.Image != "neo4j:5.26-community" || len(neo.Healthcheck.Test) == 0 || len(neo.Volumes) == 0 {
		t.Errorf("neo4j service = %+v", neo)
	}
	volume := strings.SplitN(neo.Volumes[0], ":", 2)[0]
	if _, ok := compose.Volumes[volume]; !ok {
		t.Errorf("volume %q is not declared", volume)
	}
	if app.Build == nil || app.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("kgraph service must be built here and wait for a healthy neo4j: %+v", app)
	}
	for _, key := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
		if app.Environment[key] == "" {
			t.Errorf("kgraph service does not set %s", key)
		}
	}
	if !strings.HasPrefix(app.Environment["NEO4J_URI"], "neo4j://neo4j:") {
		t.Errorf("NEO4J_URI = %q, want the routing scheme on the neo4j service", app.Environment["NEO4J_URI"])
	}
	if got := strings.Join(app.Healthcheck.Test, " "); !strings.Contains(got, "/kgraph healthcheck") {
		t.Errorf("kgraph health check = %q, want the binary's own healthcheck command", got)
	}
}

// TestDockerfileBinary runs the binary built with the Dockerfile's own
// build command (see kgraphBinary) as the image would, and queries it: the
// binary tested is the binary shipped.
func TestDockerfileBinary(t *testing.T) {
	bin := kgraphBinary(t)
	raw, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "USER nonroot") {
		t.Error("the image does not run as a non-root user")
	}
	dir := t.TempDir()
	if out, err := exec.Command("go", "version", "-m", bin).Output(); err != nil || !strings.Contains(string(out), "CGO_ENABLED=0") {
		t.Fatalf("the binary is not static: %v\n%s", err, out)
	}

	port := freePort(t)
	srv := exec.Command(bin)
	srv.Dir = dir // the binary must run from any directory: the seed is embedded
	srv.Env = append(os.Environ(), "PORT="+port, "KG_DATA_FILE="+filepath.Join(dir, "data", "graph.db"), "LOG_FORMAT=json", "NEO4J_URI=")
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	base := "http://127.0.0.1:" + port
	ready := false
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline) && !ready; time.Sleep(100 * time.Millisecond) {
		ready = exec.Command(bin, "healthcheck", "-port", port).Run() == nil
	}
	if !ready {
		t.Fatal("the built binary did not become ready")
	}
	d := graphql(t, base, `{ search(text: "Croatia") { id } }`)
	if hits := d["search"].([]any); len(hits) == 0 || hits[0].(map[string]any)["id"] != "croatia" {
		t.Fatalf("search from the built binary: %v", d)
	}
	// SIGTERM, as a container runtime sends, shuts it down cleanly.
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no exit within 20s of SIGTERM")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still serving")
	}
}
