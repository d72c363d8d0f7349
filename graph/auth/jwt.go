package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// MinHS256SecretLength is the shortest HS256 secret accepted, in bytes:
// RFC 7518 asks for a key at least as long as the hash, 256 bits.
const MinHS256SecretLength = 32

// DefaultRoleClaim is the claim a JWT names its role in.
const DefaultRoleClaim = "role"

// Leeway is how far clocks may disagree when exp, nbf and iat are checked.
const Leeway = 30 * time.Second

// JWTConfig is how JWTs are verified. Only the algorithms with a key are
// accepted: HS256 with HS256Secret, RS256 with an RSA public key, ES256
// with a P-256 public key. "none" never is.
type JWTConfig struct {
	// HS256Secret is the shared secret of HS256 tokens; nil accepts none.
	HS256Secret []byte
	// PublicKeys are the RS256 and ES256 verification keys by key id: a
	// token names its key in the "kid" header, so that a new key can be
	// added before the old one is retired. A key under "" verifies tokens
	// that name none.
	PublicKeys map[string]any
	// Issuer, when set, must be the token's "iss".
	Issuer string
	// Audiences, when set, must include one of the token's "aud".
	Audiences []string
	// RoleClaim names the claim that holds the role: a string or a list of
	// strings (the highest known role counts), and a dotted path reaches
	// into nested objects (realm_access.roles). Empty means DefaultRoleClaim.
	RoleClaim string
}

// enabled reports whether any JWT can be accepted.
func (c JWTConfig) enabled() bool { return len(c.HS256Secret) > 0 || len(c.PublicKeys) > 0 }

// LoadPublicKeys reads KG_JWT_KEYS: comma-separated kid=path entries (or
// a bare path, for tokens without a kid), each a PEM file holding an RSA
// or a P-256 EC public key.
func LoadPublicKeys(spec string) (map[string]any, error) {
	keys := map[string]any{}
	for _, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		kid, path, ok := strings.Cut(entry, "=")
		if !ok {
			kid, path = "", entry
		}
		if _, dup := keys[kid]; dup {
			return nil, fmt.Errorf("KG_JWT_KEYS: key id %q is given twice", kid)
		}
		pem, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("KG_JWT_KEYS: key %q: %w", kid, err)
		}
		key, err := parsePublicKey(pem)
		if err != nil {
			return nil, fmt.Errorf("KG_JWT_KEYS: key %q (%s): %w", kid, path, err)
		}
		keys[kid] = key
	}
	return keys, nil
}

func parsePublicKey(pem []byte) (any, error) {
	if key, err := jwt.ParseRSAPublicKeyFromPEM(pem); err == nil {
		if key.N.BitLen() < 2048 {
			return nil, fmt.Errorf("an RSA key of %d bits is too short; 2048 at least", key.N.BitLen())
		}
		return key, nil
	}
	if key, err := jwt.ParseECPublicKeyFromPEM(pem); err == nil {
		if key.Curve != elliptic.P256() {
			return nil, errors.New("an EC key must be on P-256 (ES256)")
		}
		return key, nil
	}
	return nil, errors.New("not a PEM RSA or P-256 EC public key")
}

// jwtVerifier checks tokens against a JWTConfig.
type jwtVerifier struct {
	cfg    JWTConfig
	parser *jwt.Parser
	claim  []string
}

func newJWTVerifier(cfg JWTConfig) (*jwtVerifier, error) {
	if n := len(cfg.HS256Secret); n > 0 && n < MinHS256SecretLength {
		return nil, fmt.Errorf("the HS256 secret is %d bytes; it must be at least %d", n, MinHS256SecretLength)
	}
	methods := map[string]bool{}
	if len(cfg.HS256Secret) > 0 {
		methods[jwt.SigningMethodHS256.Alg()] = true
	}
	for kid, key := range cfg.PublicKeys {
		switch k := key.(type) {
		case *rsa.PublicKey:
			methods[jwt.SigningMethodRS256.Alg()] = true
		case *ecdsa.PublicKey:
			if k.Curve != elliptic.P256() {
				return nil, fmt.Errorf("key %q: an EC key must be on P-256 (ES256)", kid)
			}
			methods[jwt.SigningMethodES256.Alg()] = true
		default:
			return nil, fmt.Errorf("key %q: %T is not an RSA or EC public key", kid, key)
		}
	}
	valid := make([]string, 0, len(methods))
	for m := range methods {
		valid = append(valid, m)
	}
	sort.Strings(valid)
	opts := []jwt.ParserOption{jwt.WithValidMethods(valid), jwt.WithExpirationRequired(), jwt.WithLeeway(Leeway), jwt.WithIssuedAt()}
	if cfg.Issuer != "" {
		opts = append(opts, jwt.WithIssuer(cfg.Issuer))
	}
	if len(cfg.Audiences) > 0 {
		opts = append(opts, jwt.WithAudience(cfg.Audiences...))
	}
	claim := cfg.RoleClaim
	if claim == "" {
		claim = DefaultRoleClaim
	}
	return &jwtVerifier{cfg: cfg, parser: jwt.NewParser(opts...), claim: strings.Split(claim, ".")}, nil
}

// verify checks the token's signature, algorithm and claims, and returns
// the principal it names. The error says why a token failed, for the log.
func (v *jwtVerifier) verify(token string) (Principal, error) {
	claims := jwt.MapClaims{}
	if _, err := v.parser.ParseWithClaims(token, claims, v.key); err != nil {
		return Principal{}, err
	}
	sub, err := claims.GetSubject()
	if err != nil || sub == "" {
		return Principal{}, errors.New("the token has no subject (sub)")
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return Principal{}, errors.New("the token has no expiry (exp)") // not reached: the parser requires it
	}
	return Principal{Name: sub, Role: v.role(claims), Expires: exp.Time}, nil
}

// key is the key that verifies token: the HS256 secret, or the public key
// its kid names, of the kind its algorithm needs. The parser has already
// refused algorithms outside the pinned list (and "none").
func (v *jwtVerifier) key(token *jwt.Token) (any, error) {
	switch token.Method.Alg() {
	case jwt.SigningMethodHS256.Alg():
		return v.cfg.HS256Secret, nil
	case jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg():
		kid, _ := token.Header["kid"].(string)
		key, ok := v.cfg.PublicKeys[kid]
		if !ok {
			return nil, fmt.Errorf("no key with id %q", kid)
		}
		_, isRSA := key.(*rsa.PublicKey)
		if isRSA != (token.Method.Alg() == jwt.SigningMethodRS256.Alg()) {
			return nil, fmt.Errorf("key %q is not for %s", kid, token.Method.Alg())
		}
		return key, nil
	}
	return nil, fmt.Errorf("algorithm %s is not accepted", token.Method.Alg())
}

// role is the highest known role the role claim names; Reader when it
// names none.
func (v *jwtVerifier) role(claims jwt.MapClaims) Role {
	var value any = map[string]any(claims)
	for _, name := range v.claim {
		m, ok := value.(map[string]any)
		if !ok {
			return Reader
		}
		value = m[name]
	}
	var names []string
	switch val := value.(type) {
	case string:
		names = []string{val}
	case []any:
		for _, item := range val {
			if s, ok := item.(string); ok {
				names = append(names, s)
			}
		}
	}
	best := Reader
	for _, name := range names {
		if r, err := ParseRole(name); err == nil && r > best {
			best = r
		}
	}
	return best
}
