package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"kgraph/graph/observe/observetest"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// testFrontEnd stands for the built front end that package main hands the
// server.
var testFrontEnd = fstest.MapFS{
	"index.html":      {Data: []byte("<title>explorer</title>")},
	"playground.html": {Data: []byte("<title>playground</title>")},
}

// startServer runs the program as `kgraph` with env and returns its base URL,
// its log and a function that stops it and returns run's error.
func startServer(t *testing.T, env map[string]string, args ...string) (string, *observetest.Logs, func() error) {
	t.Helper()
	port := freePort(t)
	if env["PORT"] == "" {
		env["PORT"] = port
	}
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithCancel(context.Background())
	logs := &observetest.Logs{}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, &Env{Getenv: getenv, Stdin: strings.NewReader(""), Stdout: logs, Stderr: logs, FrontEnd: testFrontEnd}, append([]string{"kgraph"}, args...))
	}()
	base := "http://127.0.0.1:" + env["PORT"]
	waitFor(t, base+"/healthz", done, logs)
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(20 * time.Second):
				runErr = errors.New("server did not stop within 20s")
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return base, logs, stop
}

// waitFor polls url until it answers 200, failing if run returns first.
func waitFor(t *testing.T, url string, done chan error, logs *observetest.Logs) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("run returned before serving: %v\n%s", err, logs)
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 15s\n%s", url, logs)
}

func graphql(t *testing.T, base, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out["errors"] != nil {
		t.Fatalf("query errors: %v", out["errors"])
	}
	return out["data"].(map[string]any)
}

func TestServeSeedsAnsweresAndShutsDown(t *testing.T) {
	dataFile := filepath.Join(t.TempDir(), "sub", "graph.db")
	base, logs, stop := startServer(t, map[string]string{"KG_DATA_FILE": dataFile, "LOG_FORMAT": "json"})

	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/readyz: %v %v", err, resp)
	}
	resp.Body.Close()
	d := graphql(t, base, `{ entity(id: "soviet-union") { name(lang: "ar") } }`)
	if got := d["entity"].(map[string]any)["name"]; got != "الاتحاد السوفيتي" {
		t.Fatalf("name = %v", got)
	}
	resp, err = http.Get(base + "/playground")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/playground: %v %v", err, resp)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(page) != "<title>playground</title>" {
		t.Fatalf("/playground served %q, not the front end the server was given", page)
	}

	if err := stop(); err != nil {
		t.Fatalf("run after shutdown: %v", err)
	}
	if !strings.Contains(logs.String(), `"msg":"seeded the empty store"`) || !strings.Contains(logs.String(), `"msg":"shutting down"`) {
		t.Fatalf("logs lack the seed or the shutdown:\n%s", logs)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}

	// A second start finds the data file, already seeded.
	base, logs, stop = startServer(t, map[string]string{"KG_DATA_FILE": dataFile})
	d = graphql(t, base, `{ entities { totalCount } }`)
	if n := d["entities"].(map[string]any)["totalCount"].(float64); n < 20 {
		t.Fatalf("%v entities after restart", n)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "seeded the empty store") {
		t.Fatal("seeded again on a restart")
	}
}

func TestServeWithSeedNeverStartsEmpty(t *testing.T) {
	base, _, _ := startServer(t, map[string]string{"KG_DATA_FILE": filepath.Join(t.TempDir(), "g.db")}, "-seed", "never")
	d := graphql(t, base, `{ entities { totalCount } }`)
	if n := d["entities"].(map[string]any)["totalCount"].(float64); n != 0 {
		t.Fatalf("%v entities with -seed never", n)
	}
}

func TestServeRefusesALockedDataFile(t *testing.T) {
	dataFile := filepath.Join(t.TempDir(), "g.db")
	startServer(t, map[string]string{"KG_DATA_FILE": dataFile})
	var stderr bytes.Buffer
	err := Run(context.Background(), &Env{Getenv: func(k string) string {
		return map[string]string{"KG_DATA_FILE": dataFile}[k]
	}, Stdout: io.Discard, Stderr: &stderr}, []string{"kgraph", "-port", freePort(t)})
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(stderr.String(), "kgraph: ") || !strings.Contains(stderr.String(), "in use") {
		t.Fatalf("second server on the same file: %v, stderr %q", err, stderr.String())
	}
}

func TestBadFlags(t *testing.T) {
	getenv := func(string) string { return "" }
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"kgraph", "-no-such-flag"}, "usage"},
		{[]string{"kgraph", "-seed", "sometimes"}, "-seed"},
		{[]string{"kgraph", "-log-format", "xml"}, "-log-format"},
		{[]string{"kgraph", "serve", "extra"}, "usage"},
		{[]string{"kgraph", "healthcheck", "extra"}, "usage"},
		{[]string{"kgraph", "-deadline", "0s"}, "-deadline"},
		{[]string{"kgraph", "-deadline", "10s", "-shutdown-grace", "5s"}, "-shutdown-grace"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		err := Run(context.Background(), &Env{Getenv: getenv, Stdout: io.Discard, Stderr: &stderr}, tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: err = %v, stderr %q, want both mentioning %q", tt.args, err, stderr.String(), tt.want)
		}
	}
}

// TestMalformedDurationInTheEnvironment checks that a deadline the
// environment gets wrong stops the server with the variable named,
// instead of silently running with the default.
func TestMalformedDurationInTheEnvironment(t *testing.T) {
	for _, key := range []string{"KG_REQUEST_DEADLINE", "KG_SHUTDOWN_GRACE"} {
		var stderr bytes.Buffer
		err := Run(context.Background(), &Env{Getenv: func(k string) string {
			return map[string]string{key: "soon"}[k]
		}, Stdout: io.Discard, Stderr: &stderr}, []string{"kgraph", "-port", freePort(t)})
		if err == nil || !strings.Contains(stderr.String(), key) {
			t.Errorf("%s=soon: err %v, stderr %q", key, err, stderr.String())
		}
	}
}

// TestServeHelp checks that -help prints the usage and returns, instead of
// starting a server.
func TestServeHelp(t *testing.T) {
	for _, args := range [][]string{{"kgraph", "-help"}, {"kgraph", "serve", "--help"}, {"kgraph", "healthcheck", "-h"}} {
		var out bytes.Buffer
		done := make(chan error, 1)
		go func() {
			done <- Run(context.Background(), &Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: io.Discard}, args)
		}()
		select {
		case err := <-done:
			if err != nil || !strings.Contains(out.String(), "Usage: kgraph") || !strings.Contains(out.String(), "Example") {
				t.Errorf("%v: err %v, output %q", args, err, out.String())
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not return: it serves instead of printing help", args)
		}
	}
}
