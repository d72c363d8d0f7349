package httpapi

import (
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The extensions.code values of requests refused before they run. Each is
// the client's doing and answered with a 4xx status; the codes the store
// raises (INVALID, NOT_FOUND, ...) are in package store.
const (
	// codeBadRequest: the body or the parameters are not a GraphQL request.
	codeBadRequest = "BAD_REQUEST"
	// codeMethodNotAllowed: /graphql answers GET, POST and OPTIONS only.
	codeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	// codeUnsupportedMediaType: a POST body must be application/json.
	codeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	// codeBatchingDisabled: a JSON array body while batching is off.
	codeBatchingDisabled = "BATCHING_DISABLED"
	// codeBatchTooLarge: more requests in a batch than allowed.
	codeBatchTooLarge = "BATCH_TOO_LARGE"
	// codeQueryTooLarge: more query bytes or tokens than allowed.
	codeQueryTooLarge = "QUERY_TOO_LARGE"
	// codeQueryTooDeep: selections nested deeper than allowed.
	codeQueryTooDeep = "QUERY_TOO_DEEP"
	// codeTooManyAliases: more aliased fields than allowed.
	codeTooManyAliases = "TOO_MANY_ALIASES"
	// codeTooManyRootFields: more top-level fields than allowed.
	codeTooManyRootFields = "TOO_MANY_ROOT_FIELDS"
	// codeTooManyFields: more fields than allowed.
	codeTooManyFields = "TOO_MANY_FIELDS"
	// codeTooManyDirectives: more directives, in one place or in all, than allowed.
	codeTooManyDirectives = "TOO_MANY_DIRECTIVES"
	// codeValidationFailed: gqlgen's code for an invalid document, used
	// here for literals out of range.
	codeValidationFailed = errcode.ValidationFailed
	// codePersistedQueryNotFound: a hash the server does not know; send the query text with it.
	codePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
	// codePersistedQueryHashMismatch: the query text does not have the hash sent with it.
	codePersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH"
	// codeOperationNotTrusted: trusted documents only, and this one is not among them.
	codeOperationNotTrusted = "OPERATION_NOT_TRUSTED"
	// codeRateLimited: too many requests from one client (429).
	codeRateLimited = "RATE_LIMITED"
	// codeRequestTooLarge: a body over the limit (413).
	codeRequestTooLarge = "REQUEST_TOO_LARGE"
	// codeTooManyStreams: more open subscriptions than a client, or
	// operations than a WebSocket connection, may hold (429).
	codeTooManyStreams = "TOO_MANY_STREAMS"
	// codeStreamEnded: the server ended a subscription (its longest life,
	// the token's expiry, a shutdown); the message says which.
	codeStreamEnded = "STREAM_ENDED"
)

func init() {
	// gqlgen answers errors of the protocol kind with 4xx (422, or 400
	// with application/graphql-response+json) instead of 200.
	for _, code := range []string{codeBadRequest, codeQueryTooLarge, codeQueryTooDeep, codeTooManyAliases,
		codeTooManyRootFields, codeTooManyFields, codeTooManyDirectives, codePersistedQueryNotFound,
		codePersistedQueryHashMismatch, codeOperationNotTrusted, "COMPLEXITY_LIMIT_EXCEEDED"} {
		errcode.RegisterErrorType(code, errcode.KindProtocol)
	}
}

// codedError is a GraphQL error with extensions.code set.
func codedError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}
