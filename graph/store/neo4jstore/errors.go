package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// mapError turns a driver error into the store's terms: EUNAVAILABLE when
// Neo4j could not serve the request now, so that callers retry later;
// ETIMEOUT when the caller's deadline (the transaction's timeout) ended
// the request first; *store.Error values from the package's own checks
// pass unchanged; anything else is wrapped, and becomes INTERNAL.
func mapError(err error) error {
	var (
		se    *store.Error
		limit *neo4j.TransactionExecutionLimit
	)
	switch {
	case errors.As(err, &se):
		return err
	case errors.As(err, &limit):
		// The driver retried for as long as it might, the caller's
		// deadline included: every attempt failed with a connectivity or
		// transient error, so the database is what failed.
		return unavailableError(err)
	case invalidBookmark(err):
		return fmt.Errorf("%w (neo4j: %v)", store.Errorf(store.EINVALID, "a bookmark the request sent is not one this graph gave: send back only the bookmarks of earlier answers"), err)
	case timedOut(err):
		return store.Errorf(store.ETIMEOUT, "%s", store.TimeoutMessage)
	case unavailable(err):
		return unavailableError(err)
	}
	return fmt.Errorf("neo4j: %w", err)
}

// unavailableError is an EUNAVAILABLE error whose message, which callers
// see, says only that; its Error text, which the server logs, keeps the
// driver's detail (addresses, causes).
func unavailableError(err error) error {
	return fmt.Errorf("%w (neo4j: %v)", store.Errorf(store.EUNAVAILABLE, "the graph database cannot be reached; try again later"), err)
}

// unavailable reports whether err means that the database could not serve
// the request now, as opposed to a request it will never accept.
func unavailable(err error) bool {
	var (
		conn *neo4j.ConnectivityError
		db   *neo4j.Neo4jError
	)
	switch {
	case errors.As(err, &conn):
		return true
	case errors.As(err, &db):
		// Transient errors (database starting, leader switch, ...) and a
		// database that does not exist (yet) clear up without a code change.
		return strings.HasPrefix(db.Code, "Neo.TransientError.") ||
			db.Code == "Neo.ClientError.Database.DatabaseNotFound"
	}
	return false
}

// invalidBookmark reports whether Neo4j refused the bookmarks a request
// sent (store.Bookmarks), which a client can send malformed.
func invalidBookmark(err error) bool {
	var db *neo4j.Neo4jError
	return errors.As(err, &db) && strings.HasPrefix(db.Code, "Neo.ClientError.Transaction.InvalidBookmark")
}

// timedOut reports whether the caller's deadline ended the request: the
// driver gave up waiting, or Neo4j stopped the transaction at the timeout
// that run gave it from that deadline. A slow query is not an outage.
func timedOut(err error) bool {
	var (
		db   *neo4j.Neo4jError
		conn *neo4j.ConnectivityError
	)
	if errors.As(err, &conn) {
		err = conn.Inner // which the driver's error does not unwrap
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.As(err, &db) && strings.HasPrefix(db.Code, "Neo.ClientError.Transaction.TransactionTimedOut")
}
