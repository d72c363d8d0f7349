package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/golang-jwt/jwt/v5"

	"kgraph/graph/auth/authtest"
)

// postWith sends a GraphQL query with an Authorization header and returns
// the first error's code ("" for none).
func postWith(t *testing.T, base, authorization, q string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": q})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", authorization)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Errors []struct{ Extensions struct{ Code string } }
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	if len(out.Errors) == 0 {
		return ""
	}
	return out.Errors[0].Extensions.Code
}

const adminOnly = `mutation { applyDataset(dataset: "{}", dryRun: true) { created } }`

// TestServeIsReadOnlyWithoutCredentials: started without credentials,
// the server says it is read-only, and refuses any token.
func TestServeIsReadOnlyWithoutCredentials(t *testing.T) {
	base, logs, _ := startServer(t, map[string]string{"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db")})
	if !strings.Contains(logs.String(), "read-only: no credentials are configured") {
		t.Fatalf("no read-only line at start:\n%s", logs)
	}
	if code := postWith(t, base, "Bearer anything-at-all-0123456789", adminOnly); code != "UNAUTHENTICATED" {
		t.Fatalf("a write to a read-only server: %q", code)
	}
}

// TestServeTakesCredentialsFromTheEnvironment: API keys, an HS256 secret
// file, PEM keys by kid, the issuer and the role claim, and the stream
// limits, all from environment variables.
func TestServeTakesCredentialsFromTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	keys := authtest.NewKeys(t)
	secretFile := filepath.Join(dir, "hs256")
	if err := os.WriteFile(secretFile, []byte(authtest.HS256Secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, logs, _ := startServer(t, map[string]string{
		"KG_DATA_FILE":             filepath.Join(dir, "graph.db"),
		"KG_API_KEYS":              "ed:editor:editor-key-0123456789",
		"KG_JWT_HS256_SECRET_FILE": secretFile,
		"KG_JWT_KEYS":              "2026-12=" + keys.RSAFile,
		"KG_JWT_ISSUER":            "https://idp.example",
		"KG_JWT_ROLE_CLAIM":        "kgraph.role",
		"KG_STREAMS_PER_CLIENT":    "1",
		"KG_STREAM_MAX_DURATION":   "400ms",
	})
	if strings.Contains(logs.String(), "read-only") || !strings.Contains(logs.String(), "accepts=api-keys,jwt") {
		t.Fatalf("the start-up log does not name the credentials:\n%s", logs)
	}
	claims := func(role string) jwt.MapClaims {
		c := authtest.Claims("ann", "")
		c["iss"], c["kgraph"] = "https://idp.example", map[string]any{"role": role}
		return c
	}
	for _, tc := range []struct {
		name, authorization, want string
	}{
		{"editor key, admin field", "Bearer editor-key-0123456789", "FORBIDDEN"},
		{"HS256 admin", "Bearer " + authtest.Sign(t, jwt.SigningMethodHS256, []byte(authtest.HS256Secret), "", claims("admin")), ""},
		{"RS256 admin by kid", "Bearer " + authtest.Sign(t, jwt.SigningMethodRS256, keys.RSA, "2026-12", claims("admin")), ""},
		{"RS256 editor by kid", "Bearer " + authtest.Sign(t, jwt.SigningMethodRS256, keys.RSA, "2026-12", claims("editor")), "FORBIDDEN"},
		{"RS256 under an old kid", "Bearer " + authtest.Sign(t, jwt.SigningMethodRS256, keys.RSA, "2025-06", claims("admin")), "UNAUTHENTICATED"},
	} {
		code := postWith(t, base, tc.authorization, adminOnly)
		if tc.want == "" && (code == "UNAUTHENTICATED" || code == "FORBIDDEN") || tc.want != "" && code != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, code, tc.want)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ws := "ws" + strings.TrimPrefix(base, "http") + "/graphql"
	conn, _, err := websocket.Dial(ctx, ws, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	if _, resp, err := websocket.Dial(ctx, ws, nil); err == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a second stream with KG_STREAMS_PER_CLIENT=1: %v", err)
	}
	_ = conn.Write(ctx, websocket.MessageText, []byte(`{"type":"connection_init"}`))
	for {
		if _, _, err = conn.Read(ctx); err != nil {
			break
		}
	}
	var ce websocket.CloseError
	if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "400ms") {
		t.Fatalf("KG_STREAM_MAX_DURATION=400ms: the connection ended with %v", err)
	}
}

// TestServeRefusesBadCredentials: a malformed credential setting stops the
// server, naming the setting and never the secret.
func TestServeRefusesBadCredentials(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("tooshort"), 0o600); err != nil {
		t.Fatal(err)
	}
	const secret = "a-secret-nobody-may-see-0123"
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"KG_API_KEYS": "alice:owner:" + secret}, `KG_API_KEYS entry 1 ("alice"): the role must be editor or admin`},
		{map[string]string{"KG_API_KEYS": "alice:editor:" + secret + ",bob:" + secret}, `KG_API_KEYS entry 2 ("bob"): must be name:role:secret`},
		{map[string]string{"KG_JWT_HS256_SECRET_FILE": short}, "at least 32"},
		{map[string]string{"KG_JWT_KEYS": "k1=" + filepath.Join(dir, "missing.pem")}, `key "k1"`},
		{map[string]string{"KG_STREAM_MAX_DURATION": "soon"}, "KG_STREAM_MAX_DURATION"},
	} {
		tc.env["KG_DATA_FILE"] = filepath.Join(t.TempDir(), "graph.db")
		tc.env["PORT"] = freePort(t)
		var stderr bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := Run(ctx, &Env{Getenv: func(k string) string { return tc.env[k] }, Stdout: io.Discard, Stderr: &stderr}, []string{"kgraph"})
		cancel()
		if err == nil || !strings.Contains(stderr.String(), tc.want) || strings.Contains(stderr.String(), secret) {
			t.Errorf("%v: err %v, stderr %q; want it to say %q and not the secret", tc.env, err, stderr.String(), tc.want)
		}
	}
}
