package cli

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"kgraph/graph/auth"
)

// authFlags are where the server's credentials come from. The secrets
// themselves (KG_API_KEYS, KG_JWT_HS256_SECRET) are environment variables
// or files only, never flags: a command line is visible to every user of
// the machine.
type authFlags struct {
	apiKeys, hs256Secret                                     string
	apiKeysFile, hs256SecretFile, jwtKeys, issuer, audiences string
	roleClaim                                                string
}

func (a *authFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	a.apiKeys, a.hs256Secret = getenv("KG_API_KEYS"), getenv("KG_JWT_HS256_SECRET")
	fs.StringVar(&a.apiKeysFile, "api-keys-file", getenv("KG_API_KEYS_FILE"), "read the API keys (name:role:secret, comma- or line-separated) from this file instead of KG_API_KEYS (env KG_API_KEYS_FILE)")
	fs.StringVar(&a.hs256SecretFile, "jwt-hs256-secret-file", getenv("KG_JWT_HS256_SECRET_FILE"), "accept HS256 JWTs signed with the secret in this file, instead of KG_JWT_HS256_SECRET (env KG_JWT_HS256_SECRET_FILE)")
	fs.StringVar(&a.jwtKeys, "jwt-keys", getenv("KG_JWT_KEYS"), "accept RS256/ES256 JWTs verified by these PEM public keys: comma-separated kid=path (env KG_JWT_KEYS)")
	fs.StringVar(&a.issuer, "jwt-issuer", getenv("KG_JWT_ISSUER"), "a JWT's iss must be this (env KG_JWT_ISSUER)")
	fs.StringVar(&a.audiences, "jwt-audience", getenv("KG_JWT_AUDIENCE"), "a JWT's aud must include one of these, comma-separated (env KG_JWT_AUDIENCE)")
	fs.StringVar(&a.roleClaim, "jwt-role-claim", envOr(getenv, "KG_JWT_ROLE_CLAIM", auth.DefaultRoleClaim), "the JWT claim that holds the role; a dotted path reaches into objects (env KG_JWT_ROLE_CLAIM)")
}

// authenticator reads the files and checks every setting; a bad one stops
// the server with the setting named.
func (a *authFlags) authenticator() (*auth.Authenticator, error) {
	cfg := auth.Config{APIKeys: a.apiKeys, JWT: auth.JWTConfig{Issuer: a.issuer, Audiences: splitList(a.audiences), RoleClaim: a.roleClaim}}
	if a.apiKeysFile != "" {
		if a.apiKeys != "" {
			return nil, fmt.Errorf("KG_API_KEYS and -api-keys-file are both set; use one")
		}
		raw, err := os.ReadFile(a.apiKeysFile)
		if err != nil {
			return nil, fmt.Errorf("-api-keys-file: %w", err)
		}
		cfg.APIKeys = strings.Join(strings.Fields(string(raw)), ",")
	}
	secret := a.hs256Secret
	if a.hs256SecretFile != "" {
		if secret != "" {
			return nil, fmt.Errorf("KG_JWT_HS256_SECRET and -jwt-hs256-secret-file are both set; use one")
		}
		raw, err := os.ReadFile(a.hs256SecretFile)
		if err != nil {
			return nil, fmt.Errorf("-jwt-hs256-secret-file: %w", err)
		}
		secret = strings.TrimSpace(string(raw))
	}
	if secret != "" {
		cfg.JWT.HS256Secret = []byte(secret)
	}
	if a.jwtKeys != "" {
		keys, err := auth.LoadPublicKeys(a.jwtKeys)
		if err != nil {
			return nil, err
		}
		cfg.JWT.PublicKeys = keys
	}
	authn, err := auth.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	return authn, nil
}

// logAuthentication says at start what credentials are accepted, and
// loudly when none are: the service is then read-only.
func logAuthentication(logger *slog.Logger, a *auth.Authenticator) {
	if a.ReadOnly() {
		logger.Warn("read-only: no credentials are configured (KG_API_KEYS, KG_JWT_HS256_SECRET, KG_JWT_KEYS), so every write is refused")
		return
	}
	logger.Info("writes need a bearer token", "accepts", strings.Join(a.Describe(), ","))
}
