package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// post sends a GraphQL request body and returns the status and the first
// error's code.
func postCode(t *testing.T, base, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	if len(out.Errors) == 0 {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, out.Errors[0].Extensions.Code
}

// TestServeProtectionsFromTheEnvironment starts the server with limits,
// trusted documents and a rate limit set by environment variables and
// flags, and checks that each takes effect.
func TestServeProtectionsFromTheEnvironment(t *testing.T) {
	const shallow = `{ entity(id: "croatia") { id } }`
	const deep = `{ entity(id: "croatia") { relations(first: 1) { nodes { id } } } }`
	docs := map[string]string{}
	for _, q := range []string{shallow, deep} {
		sum := sha256.Sum256([]byte(q))
		docs[hex.EncodeToString(sum[:])] = q
	}
	manifest := filepath.Join(t.TempDir(), "persisted-documents.json")
	raw, _ := json.Marshal(docs)
	if err := os.WriteFile(manifest, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	base, logs, _ := startServer(t, map[string]string{
		"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db"), "KG_MAX_DEPTH": "3", "KG_TRUSTED_DOCUMENTS": manifest,
	}, "-rate-limit", "0.01", "-rate-burst", "4")
	body := func(q string) string { b, _ := json.Marshal(map[string]string{"query": q}); return string(b) }

	if status, code := postCode(t, base, body(shallow)); status != 200 || code != "" {
		t.Fatalf("trusted shallow query: %d %s\n%s", status, code, logs)
	}
	if status, code := postCode(t, base, body(deep)); status < 400 || code != "QUERY_TOO_DEEP" {
		t.Fatalf("trusted query 4 deep with KG_MAX_DEPTH=3: %d %s", status, code)
	}
	if status, code := postCode(t, base, body(`{ vocabulary { entityKinds { id } } }`)); status < 400 || code != "OPERATION_NOT_TRUSTED" {
		t.Fatalf("ad hoc query with KG_TRUSTED_DOCUMENTS: %d %s", status, code)
	}
	postCode(t, base, body(shallow))
	if status, code := postCode(t, base, body(shallow)); status != http.StatusTooManyRequests || code != "RATE_LIMITED" {
		t.Fatalf("5th request with a burst of 4: %d %s", status, code)
	}
}

func TestServeRefusesBadProtectionSettings(t *testing.T) {
	for _, env := range []map[string]string{
		{"KG_MAX_DEPTH": "deep"},
		{"KG_RATE_LIMIT": "-1"},
		{"KG_READ_TIMEOUT": "15"},
		{"KG_TRUSTED_DOCUMENTS": filepath.Join(t.TempDir(), "missing.json")},
		{"KG_TRUSTED_PROXIES": "10.0.0.0/33"},
	} {
		env["KG_DATA_FILE"] = filepath.Join(t.TempDir(), "graph.db")
		env["PORT"] = freePort(t)
		var stderr bytes.Buffer
		// Started by mistake, the server stops when ctx ends and returns nil.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := Run(ctx, &Env{Getenv: func(k string) string { return env[k] }, Stdout: io.Discard, Stderr: &stderr}, []string{"kgraph"})
		if err == nil || !strings.Contains(stderr.String(), "kgraph:") {
			t.Errorf("%v: err %v, stderr %q; want the setting refused", env, err, stderr.String())
		}
	}
}
