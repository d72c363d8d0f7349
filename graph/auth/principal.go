package auth

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Role is what a principal may do. Roles are ordered: each may do all
// that the ones below it may.
type Role int

const (
	// Reader reads the graph: every anonymous caller, and a token that
	// names no higher role.
	Reader Role = iota
	// Editor also creates, changes and deletes entities and relations,
	// and reads the change log and who made each change.
	Editor
	// Admin also changes the vocabulary and the sources (applyDataset).
	Admin
)

// String is the role's name as configurations write it.
func (r Role) String() string {
	switch r {
	case Editor:
		return "editor"
	case Admin:
		return "admin"
	default:
		return "reader"
	}
}

// AtLeast reports whether r may do all that need may.
func (r Role) AtLeast(need Role) bool { return r >= need }

// ParseRole reads a role's name (reader, editor or admin, in any case).
func ParseRole(name string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "reader":
		return Reader, nil
	case "editor":
		return Editor, nil
	case "admin":
		return Admin, nil
	}
	return Reader, fmt.Errorf("unknown role %q (reader, editor or admin)", name)
}

// Principal is who a request comes from.
type Principal struct {
	// Name identifies the caller in the audit fields and the change log:
	// an API key's name, or a JWT's subject ("sub"). Empty for an
	// anonymous caller.
	Name string
	// Role is what the caller may do; Reader for an anonymous caller.
	Role Role
	// Expires is when the credential stops being valid (a JWT's "exp");
	// zero for an API key, which is valid until it is removed from the
	// configuration. Long-lived connections end then.
	Expires time.Time
}

// Anonymous is the principal of a request that carries no valid token.
var Anonymous = Principal{Role: Reader}

// Authenticated reports whether a valid credential named the caller.
func (p Principal) Authenticated() bool { return p.Name != "" }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext is the principal WithPrincipal put in ctx, or Anonymous.
func FromContext(ctx context.Context) Principal {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p
	}
	return Anonymous
}
