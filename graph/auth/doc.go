// Package auth says who a request comes from: a Principal with a Role,
// found by an Authenticator from a bearer token (an API key or a JWT).
// Reads are anonymous; the @hasRole directive (package graph) is the one
// place that compares a principal's role with what a field needs.
package auth
