package store

import (
	"context"
	"errors"
	"fmt"
)

// Error codes, as the API reports them in extensions.code. They are the only
// codes a Store returns; anything else is reported as EINTERNAL.
const (
	// ENOTFOUND: the named entity, relation or document does not exist.
	ENOTFOUND = "NOT_FOUND"
	// EINVALID: the input is malformed or outside a documented limit.
	EINVALID = "INVALID"
	// ECONFLICT: the input contradicts what is stored.
	ECONFLICT = "CONFLICT"
	// EUNAUTHORIZED: the caller may not do this.
	EUNAUTHORIZED = "UNAUTHORIZED"
	// EUNAUTHENTICATED: the operation needs credentials, and none (or bad
	// ones) came with the request. Why a token failed is logged, not shown.
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	// EFORBIDDEN: the caller's role may not do this.
	EFORBIDDEN = "FORBIDDEN"
	// EUNAVAILABLE: the backing database cannot be reached right now.
	EUNAVAILABLE = "UNAVAILABLE"
	// ETIMEOUT: the request ran past its deadline (or was cancelled) and
	// was stopped; asking for less work may succeed.
	ETIMEOUT = "TIMEOUT"
	// EINTERNAL: a bug or an unexpected failure; its detail is logged, never shown.
	EINTERNAL = "INTERNAL"
)

// Error is an error meant for the caller: its Code says what kind of failure
// it is and its Message says, in plain words, what to change.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is shown to the caller as it is.
	Message string
	// Extensions, when not nil, are added to the error's extensions in the
	// API's answer, for a client to act on (such as a conflict's
	// currentVersion).
	Extensions map[string]any
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the caller-facing message of err: the message of its
// *Error, or a generic one for internal errors, whose detail is not shown.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "internal error"
	}
}

// TimeoutMessage is what an ETIMEOUT error tells the caller.
const TimeoutMessage = "the request ran past its deadline and was stopped; ask for less (a smaller depth, limit or page) and try again"

// ContextError is nil while ctx is live and an ETIMEOUT error once it is
// done: past its deadline, or cancelled because the caller went away.
// Long loops call it as they go, so that work nobody will wait for stops.
func ContextError(ctx context.Context) error {
	switch err := ctx.Err(); {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return Errorf(ETIMEOUT, "%s", TimeoutMessage)
	default:
		return Errorf(ETIMEOUT, "the request was cancelled")
	}
}
