package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"regexp"
	"strings"
)

// MinSecretLength is the shortest API key secret accepted: 16 characters
// of a random token are well beyond guessing, and anything shorter is
// probably a placeholder left in a configuration.
const MinSecretLength = 16

// apiKey is one configured key. Only the SHA-256 hash of its secret is
// kept, so that a memory dump or a debugger does not reveal it.
type apiKey struct {
	principal Principal
	hash      [sha256.Size]byte
}

var keyNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// parseAPIKeys reads KG_API_KEYS: comma-separated name:role:secret
// entries. The secret is everything after the second colon, so it may
// hold colons. An error names the entry by its position and name, never
// its secret.
func parseAPIKeys(spec string) ([]apiKey, error) {
	var keys []apiKey
	names := map[string]bool{}
	hashes := map[[sha256.Size]byte]bool{}
	for i, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		name, rest, _ := strings.Cut(entry, ":")
		roleName, secret, ok := strings.Cut(rest, ":")
		where := fmt.Sprintf("KG_API_KEYS entry %d", i+1)
		if keyNamePattern.MatchString(name) {
			where += fmt.Sprintf(" (%q)", name)
		}
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: must be name:role:secret", where)
		case !keyNamePattern.MatchString(name):
			return nil, fmt.Errorf("%s: the name must be 1 to 64 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit", where)
		case names[name]:
			return nil, fmt.Errorf("%s: the name is used by an earlier entry", where)
		}
		role, err := ParseRole(roleName)
		if err != nil || role == Reader {
			return nil, fmt.Errorf("%s: the role must be editor or admin", where)
		}
		if len(secret) < MinSecretLength {
			return nil, fmt.Errorf("%s: the secret must be at least %d characters", where, MinSecretLength)
		}
		hash := sha256.Sum256([]byte(secret))
		if hashes[hash] {
			return nil, fmt.Errorf("%s: the secret is the same as an earlier entry's", where)
		}
		names[name], hashes[hash] = true, true
		keys = append(keys, apiKey{principal: Principal{Name: name, Role: role}, hash: hash})
	}
	return keys, nil
}

// matchAPIKey is the principal of the key whose secret is token. The
// token's hash is compared with every key's in constant time, and all
// keys are compared whatever matches, so that the time taken says
// nothing about how close a guess came or which key it was.
func matchAPIKey(keys []apiKey, token string) (Principal, bool) {
	hash := sha256.Sum256([]byte(token))
	found := -1
	for i := range keys {
		if subtle.ConstantTimeCompare(hash[:], keys[i].hash[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Principal{}, false
	}
	return keys[found].principal, true
}
