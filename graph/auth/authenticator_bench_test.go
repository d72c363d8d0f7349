package auth_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"kgraph/graph/auth"
	"kgraph/graph/auth/authtest"
)

// BenchmarkAuthenticate is what a bearer token costs a request, by kind:
// an API key among 20 (every hash compared), and a JWT of each algorithm.
func BenchmarkAuthenticate(b *testing.B) {
	keys := authtest.NewKeys(b)
	public, err := auth.LoadPublicKeys("r=" + keys.RSAFile + ",e=" + keys.ECFile)
	if err != nil {
		b.Fatal(err)
	}
	var entries []string
	for i := range 20 {
		entries = append(entries, fmt.Sprintf("user%d:editor:secret-of-user-%02d-0123456789", i, i))
	}
	a, err := auth.New(auth.Config{APIKeys: strings.Join(entries, ","),
		JWT: auth.JWTConfig{HS256Secret: []byte(authtest.HS256Secret), PublicKeys: public}})
	if err != nil {
		b.Fatal(err)
	}
	c := authtest.Claims("bob", "editor")
	for _, tc := range []struct{ name, token string }{
		{"api-key", "secret-of-user-19-0123456789"},
		{"HS256", authtest.Sign(b, jwt.SigningMethodHS256, []byte(authtest.HS256Secret), "", c)},
		{"RS256", authtest.Sign(b, jwt.SigningMethodRS256, keys.RSA, "r", c)},
		{"ES256", authtest.Sign(b, jwt.SigningMethodES256, keys.EC, "e", c)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := a.Authenticate(tc.token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
