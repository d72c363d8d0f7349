package cli

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"kgraph/graph/observe/observetest"
)

// TestMain removes the binary the tests built once they are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// dockerBuildLine finds the Dockerfile's Go build command.
var dockerBuildLine = regexp.MustCompile(`(?m)^RUN (CGO_ENABLED=0 go build .*) -o /out/kgraph \.$`)

// built is the kgraph binary, built once per test run by the Dockerfile's
// own build command, so that the binary the process tests run is the
// binary shipped.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// kgraphBinary returns the path of the kgraph binary, building it on the
// first call.
func kgraphBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	built.once.Do(func() {
		raw, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
		if err != nil {
			built.err = err
			return
		}
		m := dockerBuildLine.FindStringSubmatch(string(raw))
		if m == nil {
			built.err = fmt.Errorf("no `RUN CGO_ENABLED=0 go build ... -o /out/kgraph .` line in the Dockerfile")
			return
		}
		if built.dir, built.err = os.MkdirTemp("", "kgraph-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "kgraph")
		// Docker runs RUN lines with /bin/sh -c; so does the test.
		cmd := exec.Command("/bin/sh", "-c", m[1]+` -o "$OUT" .`)
		cmd.Dir = filepath.Join("..", "..") // the Dockerfile builds from the repository's root
		cmd.Env = append(os.Environ(), "OUT="+built.bin)
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("%s: %v\n%s", m[1], err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// process is a kgraph binary running as a process of its own, which a
// test can kill as a crash would.
type process struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	logs *observetest.Logs
	done chan struct{}
}

// startProcess runs `kgraph serve` as a process with the environment env
// (added to the test's own) and waits until it is ready to answer
// queries. It is killed when the test ends, if it still runs.
func startProcess(t *testing.T, env map[string]string) *process {
	t.Helper()
	bin := kgraphBinary(t)
	port := freePort(t)
	cmd := exec.Command(bin, "serve")
	cmd.Dir = t.TempDir() // the binary must run from any directory: the seed is embedded
	cmd.Env = append(os.Environ(), "PORT="+port, "NEO4J_URI=")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &process{t: t, cmd: cmd, base: "http://127.0.0.1:" + port, logs: &observetest.Logs{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.logs, p.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(p.kill)
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
		select {
		case <-p.done:
			t.Fatalf("kgraph serve exited before it was ready: %s\n%s", cmd.ProcessState, p.logs)
		default:
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("kgraph serve was not ready within 2 minutes\n%s", p.logs)
		}
	}
}

// kill ends the process with SIGKILL, as a crash or an OOM killer would:
// nothing of it runs after the signal, no deferred code, no flush.
func (p *process) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Errorf("SIGKILL: %v", err)
	}
	<-p.done
}
