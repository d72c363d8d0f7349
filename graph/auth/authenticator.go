package auth

import (
	"errors"
	"strings"
)

// Config is where credentials come from.
type Config struct {
	// APIKeys is KG_API_KEYS: comma-separated name:role:secret entries.
	APIKeys string
	// JWT is how JWTs are verified; its zero value accepts none.
	JWT JWTConfig
}

// Authenticator finds the principal a bearer token names.
type Authenticator struct {
	keys []apiKey
	jwt  *jwtVerifier
}

// New checks cfg and returns its Authenticator. A malformed API key entry
// or JWT setting is an error naming it (never a secret).
func New(cfg Config) (*Authenticator, error) {
	keys, err := parseAPIKeys(cfg.APIKeys)
	if err != nil {
		return nil, err
	}
	a := &Authenticator{keys: keys}
	if cfg.JWT.enabled() {
		if a.jwt, err = newJWTVerifier(cfg.JWT); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// ReadOnly reports whether no credential can be accepted: no API key and
// no JWT key. Then nobody can write.
func (a *Authenticator) ReadOnly() bool { return a == nil || len(a.keys) == 0 && a.jwt == nil }

// Describe lists the kinds of credential accepted, for the start-up log.
func (a *Authenticator) Describe() []string {
	var kinds []string
	if a == nil {
		return nil
	}
	if len(a.keys) > 0 {
		kinds = append(kinds, "api-keys")
	}
	if a.jwt != nil {
		kinds = append(kinds, "jwt")
	}
	return kinds
}

// ErrNoToken is Authenticate's error for an empty token.
var ErrNoToken = errors.New("no token")

// Authenticate returns the principal token names: an API key's, or a
// valid JWT's. The error says why a token was refused; it is for the log,
// never for the client.
func (a *Authenticator) Authenticate(token string) (Principal, error) {
	token = strings.TrimSpace(token)
	switch {
	case token == "":
		return Anonymous, ErrNoToken
	case a.ReadOnly():
		return Anonymous, errors.New("no credentials are configured; the service is read-only")
	}
	if p, ok := matchAPIKey(a.keys, token); ok {
		return p, nil
	}
	if strings.Count(token, ".") != 2 {
		return Anonymous, errors.New("not a configured API key, nor a JWT")
	}
	if a.jwt == nil {
		return Anonymous, errors.New("a JWT, but no JWT key is configured")
	}
	p, err := a.jwt.verify(token)
	if err != nil {
		return Anonymous, err
	}
	return p, nil
}

// AuthenticateHeader authenticates an Authorization header's value: no
// header is the anonymous reader (and no error); anything but a bearer
// token is an error.
func (a *Authenticator) AuthenticateHeader(header string) (Principal, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return Anonymous, nil
	}
	scheme, token, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return Anonymous, errors.New("the Authorization header is not a bearer token")
	}
	return a.Authenticate(token)
}
