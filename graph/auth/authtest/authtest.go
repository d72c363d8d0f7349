// Package authtest makes the keys and tokens the tests of authentication
// sign with: real RSA and P-256 keys written as PEM files, and JWTs signed
// by golang-jwt as an identity provider would.
package authtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// HS256Secret is a shared secret long enough for HS256.
const HS256Secret = "a-shared-secret-of-at-least-32-bytes!"

// Keys are an identity provider's signing keys and the PEM files of their
// public halves.
type Keys struct {
	RSA      *rsa.PrivateKey
	EC       *ecdsa.PrivateKey
	RSAFile  string
	ECFile   string
	OtherRSA *rsa.PrivateKey // a key nobody configured
}

// NewKeys returns the keys and writes the public ones to t's temporary
// directory. The keys are made once per test binary: an RSA key takes a
// good part of a second to make, and no test needs a key of its own.
func NewKeys(t testing.TB) Keys {
	t.Helper()
	made.Do(func() { shared = Keys{RSA: newRSA(t), EC: newEC(t), OtherRSA: newRSA(t)} })
	if shared.RSA == nil {
		t.Fatal("the keys could not be made")
	}
	dir := t.TempDir()
	k := shared
	k.RSAFile = writePEM(t, filepath.Join(dir, "rsa.pem"), &k.RSA.PublicKey)
	k.ECFile = writePEM(t, filepath.Join(dir, "ec.pem"), &k.EC.PublicKey)
	return k
}

var (
	made   sync.Once
	shared Keys
)

func newRSA(t testing.TB) *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func newEC(t testing.TB) *ecdsa.PrivateKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func writePEM(t testing.TB, path string, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Claims are a token's usual claims for sub with role, valid for an hour.
func Claims(sub, role string) jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{"sub": sub, "role": role, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
}

// Sign signs claims with method and key, naming kid in the header when it
// is not empty.
func Sign(t testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	token := jwt.NewWithClaims(method, claims)
	if kid != "" {
		token.Header["kid"] = kid
	}
	s, err := token.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Unsigned is claims as an "alg: none" token, which no server may accept.
func Unsigned(t testing.TB, claims jwt.MapClaims) string {
	return Sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", claims)
}
