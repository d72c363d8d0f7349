package auth_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kgraph/graph/auth"
	"kgraph/graph/auth/authtest"
)

const (
	editorSecret = "editor-secret-0123456789"
	adminSecret  = "admin:secret:with:colons-0123"
)

func newAuthenticator(t *testing.T, cfg auth.Config) *auth.Authenticator {
	t.Helper()
	a, err := auth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAuthenticate(t *testing.T) {
	keys := authtest.NewKeys(t)
	public, err := auth.LoadPublicKeys("rsa1=" + keys.RSAFile + ", ec1=" + keys.ECFile)
	if err != nil {
		t.Fatal(err)
	}
	full := newAuthenticator(t, auth.Config{
		APIKeys: "alice:editor:" + editorSecret + ",root:admin:" + adminSecret,
		JWT: auth.JWTConfig{HS256Secret: []byte(authtest.HS256Secret), PublicKeys: public,
			Issuer: "https://idp.example", Audiences: []string{"kgraph"}, RoleClaim: "realm.roles"},
	})
	rsaOnly := newAuthenticator(t, auth.Config{JWT: auth.JWTConfig{PublicKeys: map[string]any{"rsa1": public["rsa1"]}}})
	readOnly := newAuthenticator(t, auth.Config{})

	now := time.Now()
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"sub": "bob", "iss": "https://idp.example", "aud": "kgraph",
			"realm": map[string]any{"roles": []any{"viewer", "editor"}}, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		if edit != nil {
			edit(c)
		}
		return c
	}
	hs := func(c jwt.MapClaims) string {
		return authtest.Sign(t, jwt.SigningMethodHS256, []byte(authtest.HS256Secret), "", c)
	}
	rs := func(kid string, c jwt.MapClaims) string {
		return authtest.Sign(t, jwt.SigningMethodRS256, keys.RSA, kid, c)
	}
	es := func(kid string, c jwt.MapClaims) string {
		return authtest.Sign(t, jwt.SigningMethodES256, keys.EC, kid, c)
	}
	rsPlain := func(c jwt.MapClaims) string {
		delete(c, "iss")
		delete(c, "aud")
		c["role"] = "admin"
		return rs("rsa1", c)
	}
	rsaPEM, err := os.ReadFile(keys.RSAFile)
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name   string
		a      *auth.Authenticator
		header string
		want   auth.Principal
		why    string // what the refusal's reason mentions; "" for success
	}{
		{"no header is the anonymous reader", full, "", auth.Anonymous, ""},
		{"editor API key", full, "Bearer " + editorSecret, auth.Principal{Name: "alice", Role: auth.Editor}, ""},
		{"admin API key with colons in its secret", full, "bearer " + adminSecret, auth.Principal{Name: "root", Role: auth.Admin}, ""},
		{"unknown API key", full, "Bearer not-a-configured-secret-at-all", auth.Anonymous, "not a configured API key"},
		{"empty bearer token", full, "Bearer ", auth.Anonymous, "no token"},
		{"basic credentials", full, "Basic YWxpY2U6c2VjcmV0", auth.Anonymous, "not a bearer token"},
		{"malformed token", full, "Bearer abc.def.ghi", auth.Anonymous, "malformed"},
		{"HS256 editor", full, "Bearer " + hs(claims(nil)), auth.Principal{Name: "bob", Role: auth.Editor}, ""},
		{"RS256 by kid", full, "Bearer " + rs("rsa1", claims(nil)), auth.Principal{Name: "bob", Role: auth.Editor}, ""},
		{"ES256 by kid", full, "Bearer " + es("ec1", claims(nil)), auth.Principal{Name: "bob", Role: auth.Editor}, ""},
		{"admin among the roles", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["realm"] = map[string]any{"roles": []any{"admin", "editor"}} })), auth.Principal{Name: "bob", Role: auth.Admin}, ""},
		{"no role is a reader", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { delete(c, "realm") })), auth.Principal{Name: "bob", Role: auth.Reader}, ""},
		{"an unknown role is a reader", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["realm"] = map[string]any{"roles": "superuser"} })), auth.Principal{Name: "bob", Role: auth.Reader}, ""},
		{"wrong signature", full, "Bearer " + authtest.Sign(t, jwt.SigningMethodRS256, keys.OtherRSA, "rsa1", claims(nil)), auth.Anonymous, "signature"},
		{"HS256 with the wrong secret", full, "Bearer " + authtest.Sign(t, jwt.SigningMethodHS256, []byte("another-secret-of-at-least-32-bytes!!"), "", claims(nil)), auth.Anonymous, "signature"},
		{"expired", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() })), auth.Anonymous, "expired"},
		{"missing exp", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { delete(c, "exp") })), auth.Anonymous, "exp"},
		{"not valid yet", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() })), auth.Anonymous, "not valid yet"},
		{"issued in the future", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Hour).Unix() })), auth.Anonymous, "used before issued"},
		{"no subject", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { delete(c, "sub") })), auth.Anonymous, "subject"},
		{"alg none", full, "Bearer " + authtest.Unsigned(t, claims(nil)), auth.Anonymous, "signing method none is invalid"},
		{"unknown kid", full, "Bearer " + rs("rsa2", claims(nil)), auth.Anonymous, `no key with id "rsa2"`},
		{"RS256 naming the EC key", full, "Bearer " + rs("ec1", claims(nil)), auth.Anonymous, "not for RS256"},
		{"wrong issuer", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), auth.Anonymous, "issuer"},
		{"no issuer", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { delete(c, "iss") })), auth.Anonymous, "iss claim is required"},
		{"wrong audience", full, "Bearer " + hs(claims(func(c jwt.MapClaims) { c["aud"] = []any{"other"} })), auth.Anonymous, "audience"},
		{"RS256 only: RS256 accepted", rsaOnly, "Bearer " + rsPlain(claims(nil)), auth.Principal{Name: "bob", Role: auth.Admin}, ""},
		{"RS256 only: HS256 refused", rsaOnly, "Bearer " + hs(claims(nil)), auth.Anonymous, "signing method HS256 is invalid"},
		{"RS256 only: HS256 signed with the public key's PEM", rsaOnly, "Bearer " + authtest.Sign(t, jwt.SigningMethodHS256, rsaPEM, "rsa1", claims(nil)), auth.Anonymous, "signing method HS256 is invalid"},
		{"RS256 only: ES256 refused", rsaOnly, "Bearer " + es("ec1", claims(nil)), auth.Anonymous, "signing method ES256 is invalid"},
		{"RS256 only: API key refused", rsaOnly, "Bearer " + editorSecret, auth.Anonymous, "not a configured API key"},
		{"read-only: any token refused", readOnly, "Bearer " + editorSecret, auth.Anonymous, "read-only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.a.AuthenticateHeader(tc.header)
			got.Expires = time.Time{}
			if got != tc.want {
				t.Errorf("principal %+v, want %+v", got, tc.want)
			}
			switch {
			case tc.why == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.why != "" && (err == nil || !strings.Contains(err.Error(), tc.why)):
				t.Errorf("error %v, want one saying %q", err, tc.why)
			}
		})
	}
}

func TestJWTPrincipalExpiresWithTheToken(t *testing.T) {
	a := newAuthenticator(t, auth.Config{JWT: auth.JWTConfig{HS256Secret: []byte(authtest.HS256Secret)}})
	exp := time.Now().Add(10 * time.Minute).Truncate(time.Second)
	c := authtest.Claims("carol", "editor")
	c["exp"] = exp.Unix()
	p, err := a.Authenticate(authtest.Sign(t, jwt.SigningMethodHS256, []byte(authtest.HS256Secret), "", c))
	if err != nil || !p.Expires.Equal(exp) {
		t.Fatalf("Expires %v (err %v), want %v", p.Expires, err, exp)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.pem")
	if err := os.WriteFile(garbage, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	const secret = "s3cret-value-0123456789"
	for _, tc := range []struct {
		name string
		cfg  auth.Config
		want string
	}{
		{"no role", auth.Config{APIKeys: "alice:" + secret}, "entry 1 (\"alice\"): must be name:role:secret"},
		{"unknown role", auth.Config{APIKeys: "alice:editor:" + secret + ",bob:owner:" + secret + "x"}, "entry 2 (\"bob\"): the role must be editor or admin"},
		{"reader key", auth.Config{APIKeys: "bob:reader:" + secret}, "the role must be editor or admin"},
		{"short secret", auth.Config{APIKeys: "bob:editor:short"}, "at least 16 characters"},
		{"bad name", auth.Config{APIKeys: "b o b:editor:" + secret}, "entry 1: the name must be"},
		{"duplicate name", auth.Config{APIKeys: "bob:editor:" + secret + ",bob:admin:" + secret + "x"}, "used by an earlier entry"},
		{"duplicate secret", auth.Config{APIKeys: "bob:editor:" + secret + ",eve:admin:" + secret}, "same as an earlier entry's"},
		{"short HS256 secret", auth.Config{JWT: auth.JWTConfig{HS256Secret: []byte("short")}}, "at least 32"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := auth.New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("the error shows the secret: %v", err)
			}
		})
	}
	for _, spec := range []string{"k1=" + garbage, "k1=" + filepath.Join(dir, "missing.pem")} {
		if _, err := auth.LoadPublicKeys(spec); err == nil || !strings.Contains(err.Error(), `key "k1"`) {
			t.Errorf("LoadPublicKeys(%q): %v, want an error naming the key", spec, err)
		}
	}
}

func TestReadOnly(t *testing.T) {
	if !newAuthenticator(t, auth.Config{}).ReadOnly() {
		t.Error("no credentials: not read-only")
	}
	if newAuthenticator(t, auth.Config{APIKeys: "alice:editor:" + editorSecret}).ReadOnly() {
		t.Error("an API key: read-only")
	}
	if newAuthenticator(t, auth.Config{JWT: auth.JWTConfig{HS256Secret: []byte(authtest.HS256Secret)}}).ReadOnly() {
		t.Error("an HS256 secret: read-only")
	}
}

func TestRoleOrder(t *testing.T) {
	for _, tc := range []struct {
		have, need auth.Role
		ok         bool
	}{
		{auth.Reader, auth.Editor, false}, {auth.Editor, auth.Editor, true}, {auth.Editor, auth.Admin, false},
		{auth.Admin, auth.Editor, true}, {auth.Admin, auth.Admin, true}, {auth.Reader, auth.Reader, true},
	} {
		if got := tc.have.AtLeast(tc.need); got != tc.ok {
			t.Errorf("%s.AtLeast(%s) = %v", tc.have, tc.need, got)
		}
	}
}
