package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kgraph/graph/auth"
	"kgraph/graph/auth/authtest"
	"kgraph/graph/httpapi"
	"kgraph/graph/observe/observetest"
	"kgraph/graph/store"
)

const (
	editorKey = "editor-key-0123456789abcdef"
	adminKey  = "admin-key-0123456789abcdef"
	issuer    = "https://idp.example"
	audience  = "kgraph"
)

// authServer is the real handler over the seed, accepting two API keys
// and RS256/ES256 JWTs from one issuer for one audience (no HS256), and
// the log it writes.
type authServer struct {
	*httptest.Server
	keys  authtest.Keys
	logs  *observetest.Logs
	store store.Store
}

func newAuthServer(t *testing.T, streams httpapi.StreamLimits, origins ...string) *authServer {
	t.Helper()
	keys := authtest.NewKeys(t)
	public, err := auth.LoadPublicKeys("k1=" + keys.RSAFile + ",k2=" + keys.ECFile)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(auth.Config{
		APIKeys: "ed:editor:" + editorKey + ",ada:admin:" + adminKey,
		JWT:     auth.JWTConfig{PublicKeys: public, Issuer: issuer, Audiences: []string{audience}},
	})
	if err != nil {
		t.Fatal(err)
	}
	logs := &observetest.Logs{}
	st := seededStore(t)
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: st, Logger: slog.New(slog.NewTextHandler(logs, nil)), Auth: a,
		AllowedOrigins: origins, Streams: streams,
	}))
	t.Cleanup(srv.Close)
	return &authServer{Server: srv, keys: keys, logs: logs, store: st}
}

// claims are valid claims for sub with role, edited by edit.
func claims(sub, role string, edit func(jwt.MapClaims)) jwt.MapClaims {
	c := authtest.Claims(sub, role)
	c["iss"], c["aud"] = issuer, audience
	if edit != nil {
		edit(c)
	}
	return c
}

// rs256 is a token signed by the configured RSA key.
func (s *authServer) rs256(t *testing.T, c jwt.MapClaims) string {
	return authtest.Sign(t, jwt.SigningMethodRS256, s.keys.RSA, "k1", c)
}

// postAs POSTs a GraphQL query with an Authorization header (none when
// empty) and returns the status, the response and its request id.
func postAs(t *testing.T, srv *httptest.Server, authorization, q string) (int, gqlResponse, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, _, out := send(t, req)
	return resp.StatusCode, out, resp.Header.Get("X-Request-Id")
}

// The fields the directive guards, one per role, and what their answer
// holds when their resolver ran (a refused field is null).
var guarded = []struct {
	name, query, answered string
	admin                 bool
}{
	{"Query.changes (editor)", `{ changes(first: 1) { nodes { seq } } }`, `"nodes":[`, false},
	{"Entity.history (editor)", `{ entity(id: "croatia") { id history(first: 1) { seq } } }`, `"history":[`, false},
	{"Mutation.applyDataset (admin)", `mutation { applyDataset(dataset: "{}", dryRun: true) { created } }`, `"created":0`, true},
}

// TestRolesAreEnforcedByTheDirective sends every kind of credential to
// every guarded field: refusals have the right code and a generic
// message, the field's resolver never runs for them, and why a token was
// refused is logged with the request id, never told to the client.
func TestRolesAreEnforcedByTheDirective(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	rsaPEM, err := os.ReadFile(s.keys.RSAFile)
	if err != nil {
		t.Fatal(err)
	}
	ago := time.Now().Add(-time.Hour).Unix()
	bearer := func(token string) string { return "Bearer " + token }
	const (
		unauthenticated = "UNAUTHENTICATED"
		forbidden       = "FORBIDDEN"
		editorOK        = "editor"
		adminOK         = "admin"
	)
	for _, c := range []struct {
		name, authorization string
		outcome             string // a refusal's code, or the highest role let through
		logged              string // what the log says of a refused token
	}{
		{"anonymous", "", unauthenticated, ""},
		{"malformed token", bearer("not.a.jwt"), unauthenticated, "malformed"},
		{"unknown API key", bearer("an-api-key-nobody-configured"), unauthenticated, "not a configured API key"},
		{"not a bearer token", "Basic ZWQ6c2VjcmV0", unauthenticated, "not a bearer token"},
		{"wrong signature", bearer(authtest.Sign(t, jwt.SigningMethodRS256, s.keys.OtherRSA, "k1", claims("eve", "admin", nil))), unauthenticated, "verification error"},
		{"expired", bearer(s.rs256(t, claims("eve", "admin", func(c jwt.MapClaims) { c["exp"] = ago }))), unauthenticated, "expired"},
		{"missing exp", bearer(s.rs256(t, claims("eve", "admin", func(c jwt.MapClaims) { delete(c, "exp") }))), unauthenticated, "exp claim is required"},
		{"alg none", bearer(authtest.Unsigned(t, claims("eve", "admin", nil))), unauthenticated, "signing method none is invalid"},
		{"HS256 when only RS256 and ES256 are allowed", bearer(authtest.Sign(t, jwt.SigningMethodHS256, rsaPEM, "k1", claims("eve", "admin", nil))), unauthenticated, "signing method HS256 is invalid"},
		{"unknown kid", bearer(authtest.Sign(t, jwt.SigningMethodRS256, s.keys.RSA, "k9", claims("eve", "admin", nil))), unauthenticated, `no key with id \"k9\"`},
		{"wrong issuer", bearer(s.rs256(t, claims("eve", "admin", func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }))), unauthenticated, "issuer"},
		{"wrong audience", bearer(s.rs256(t, claims("eve", "admin", func(c jwt.MapClaims) { c["aud"] = "another-service" }))), unauthenticated, "audience"},
		{"reader token", bearer(s.rs256(t, claims("rita", "reader", nil))), forbidden, ""},
		{"editor API key", bearer(editorKey), editorOK, ""},
		{"editor JWT (ES256)", bearer(authtest.Sign(t, jwt.SigningMethodES256, s.keys.EC, "k2", claims("eddie", "editor", nil))), editorOK, ""},
		{"admin API key", bearer(adminKey), adminOK, ""},
		{"admin JWT (RS256)", bearer(s.rs256(t, claims("ann", "admin", nil))), adminOK, ""},
	} {
		for _, f := range guarded {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				before := len(s.logs.String())
				status, resp, requestID := postAs(t, s.Server, c.authorization, f.query)
				logs := s.logs.String()[before:]
				want := c.outcome
				if want == editorOK && f.admin {
					want = forbidden
				}
				code, _ := codeOf(resp).(string)
				reached := strings.Contains(string(resp.Data), f.answered)
				switch want {
				case unauthenticated, forbidden:
					if status != http.StatusOK || code != want {
						t.Fatalf("status %d, code %q, want %s: %+v", status, code, want, resp.Errors)
					}
					if reached {
						t.Fatalf("refused with %s, but the resolver ran:\n%s", code, logs)
					}
					if msg := resp.Errors[0].Message; c.logged != "" && strings.Contains(msg, c.logged) {
						t.Fatalf("the client is told why the token failed: %q", msg)
					}
				default:
					if code == unauthenticated || code == forbidden || !reached {
						t.Fatalf("%s refused (%q) or resolver not reached:\n%s", c.name, code, logs)
					}
				}
				if user := map[string]string{"editor API key": "user=ed ", "admin API key": "user=ada "}[c.name]; user != "" && !strings.Contains(logs, user) {
					t.Fatalf("the request's log line does not name the caller (%s):\n%s", user, logs)
				}
				if c.logged != "" && (!strings.Contains(logs, "token refused") || !strings.Contains(logs, c.logged) || !strings.Contains(logs, requestID)) {
					t.Fatalf("the log does not say %q with request id %s:\n%s", c.logged, requestID, logs)
				}
			})
		}
	}
}

// TestReadsStayAnonymous: an anonymous query of public fields is answered
// in full, and so is one with a refused token (its guarded fields aside).
func TestReadsStayAnonymous(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	for _, authorization := range []string{"", "Bearer forged.token.value"} {
		status, resp, _ := postAs(t, s.Server, authorization, `{ entity(id: "croatia") { id } }`)
		if status != http.StatusOK || len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), `"croatia"`) {
			t.Fatalf("Authorization %q: %d %s %+v", authorization, status, resp.Data, resp.Errors)
		}
	}
}

// TestReadOnlyWithoutCredentials: with no credentials configured, even a
// token that would be valid elsewhere writes nothing.
func TestReadOnlyWithoutCredentials(t *testing.T) {
	logs := &observetest.Logs{}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: seededStore(t), Logger: slog.New(slog.NewTextHandler(logs, nil))}))
	t.Cleanup(srv.Close)
	_, resp, _ := postAs(t, srv, "Bearer "+adminKey, guarded[2].query)
	if code := codeOf(resp); code != "UNAUTHENTICATED" || strings.Contains(string(resp.Data), guarded[2].answered) {
		t.Fatalf("code %v, log:\n%s", code, logs)
	}
	if !strings.Contains(logs.String(), "read-only") {
		t.Fatalf("the log does not say why the token was refused:\n%s", logs)
	}
}

// TestETagsDependOnTheRole: the same GET query has one validator for an
// anonymous reader and another for an editor, whose answer may hold more;
// an editor's answer is cacheable privately only.
func TestETagsDependOnTheRole(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	get := func(authorization string) http.Header {
		req, _ := http.NewRequest(http.MethodGet, s.URL+`/graphql?query={entity(id:"croatia"){id}}`, nil)
		if authorization != "" {
			req.Header.Set("Authorization", authorization)
		}
		resp, _, out := send(t, req)
		if resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
			t.Fatalf("%d %+v", resp.StatusCode, out.Errors)
		}
		return resp.Header
	}
	anonymous, editor := get(""), get("Bearer "+editorKey)
	if anonymous.Get("ETag") == "" || anonymous.Get("ETag") == editor.Get("ETag") {
		t.Fatalf("ETags %q and %q", anonymous.Get("ETag"), editor.Get("ETag"))
	}
	if !strings.HasPrefix(editor.Get("Cache-Control"), "private") {
		t.Fatalf("an editor's answer: Cache-Control %q", editor.Get("Cache-Control"))
	}
}

// TestRefusedWritesWriteNothing: a write refused for its credential
// leaves the graph as it was (its version and the entity it would have
// made); the same write with a sufficient role is committed.
func TestRefusedWritesWriteNothing(t *testing.T) {
	s := newAuthServer(t, httpapi.StreamLimits{})
	ctx := context.Background()
	create := func(authorization, id string) string {
		vars := map[string]any{"e": newEvent(id, "Summit "+id)}
		body, _ := json.Marshal(map[string]any{"query": createEntity, "variables": vars})
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if authorization != "" {
			req.Header.Set("Authorization", authorization)
		}
		_, _, out := send(t, req)
		code, _ := codeOf(out).(string)
		return code
	}
	stored := func(id string) bool {
		es, err := s.store.Entities(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return len(es) == 1 && es[0] != nil
	}
	before, err := s.store.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ name, authorization, code string }{
		{"anonymous", "", "UNAUTHENTICATED"},
		{"forged", "Bearer " + authtest.Sign(t, jwt.SigningMethodRS256, s.keys.OtherRSA, "k1", claims("eve", "editor", nil)), "UNAUTHENTICATED"},
		{"expired", "Bearer " + s.rs256(t, claims("eve", "editor", func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })), "UNAUTHENTICATED"},
		{"alg none", "Bearer " + authtest.Unsigned(t, claims("eve", "editor", nil)), "UNAUTHENTICATED"},
		{"reader", "Bearer " + s.rs256(t, claims("rita", "reader", nil)), "FORBIDDEN"},
	} {
		id := fmt.Sprintf("refused-summit-%d", i)
		if code := create(c.authorization, id); code != c.code || stored(id) {
			t.Fatalf("%s: code %q, stored %v", c.name, code, stored(id))
		}
	}
	if after, _ := s.store.Version(ctx); after != before {
		t.Fatalf("refused writes changed the graph's version: %s -> %s", before, after)
	}
	if code := create("Bearer "+s.rs256(t, claims("eddie", "editor", nil)), "allowed-summit"); code != "" || !stored("allowed-summit") {
		t.Fatalf("an editor's write: code %q, stored %v", code, stored("allowed-summit"))
	}
	if after, _ := s.store.Version(ctx); after == before {
		t.Fatal("an editor's write left the graph's version as it was")
	}
}
