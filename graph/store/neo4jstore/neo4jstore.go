// Package neo4jstore is the store.Store kept in Neo4j, so that several
// server replicas can share one graph.
//
// Entities are (:Entity) nodes and relations are relationships typed by
// their vocabulary type, so that the graph can also be explored with Cypher
// and Neo4j's own tools. Every value is a property of its own (model.go
// says which), and Export reads the elements back exactly. Each operation
// is one Cypher query where it can be: traversals use Neo4j's own
// variable-length and shortest-path matching, and search ranks in Cypher.
// The query rules (validation, the neighbourhood and path rules, ranking,
// ordering) are package store's, written into the queries where they run
// in Neo4j, and the conformance suite holds both stores to the same answers.
package neo4jstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/log"

	"kgraph/graph/store"
)

// Config says which Neo4j database to use and how to log in.
type Config struct {
	// URI is the server, such as bolt://localhost:7687 or neo4j+s://xxx.databases.neo4j.io.
	URI string
	// Username and Password are the credentials.
	Username, Password string
	// Database is the database name; "" means "neo4j".
	Database string
}

// Store is the Neo4j store. It is safe for concurrent use; it holds no
// copy of the graph, so replicas sharing the database always agree.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	// bookmarks chains every session of the store, so that in a cluster a
	// read sees the writes this process made before it (an Apply, then the
	// queries), whichever member serves it.
	bookmarks neo4j.BookmarkManager

	// The schema is created on first use, and again on the next call if
	// that failed (Neo4j may be down at Open); schemaMu lets one call at a
	// time try, and schemaReady spares later calls the lock.
	schemaMu    sync.Mutex
	schemaReady atomic.Bool
	// constrained holds the relation types whose id constraint exists
	// (ensureRelationConstraints), so that each Apply need not ask.
	constrained sync.Map

	// boltLogger, when set by a test, sees every Bolt message sent.
	boltLogger log.BoltLogger

	// inUse counts the sessions open now, each holding a pooled
	// connection (see SessionsInUse).
	inUse atomic.Int64
}

// maxConnections is the driver's connection pool size (its default,
// named so that metrics can report it).
const maxConnections = 100

var _ store.Store = (*Store)(nil)

// Open creates the store's driver. It does not connect: Neo4j may still be
// starting, so reachability is reported by Ping and by each call, and the
// schema is created on the first call that reaches the database.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *config.Config) { c.MaxConnectionPoolSize = maxConnections })
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	db := cfg.Database
	if db == "" {
		db = "neo4j"
	}
	return &Store{driver: driver, database: db, bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// SessionsInUse is the number of sessions open now: the pooled
// connections that queries hold.
func (s *Store) SessionsInUse() int { return int(s.inUse.Load()) }

// MaxConnections is the size of the driver's connection pool.
func (s *Store) MaxConnections() int { return maxConnections }

// Ping checks that Neo4j answers and that the schema is in place.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return unavailableError(err)
	}
	return s.ensureSchema(ctx)
}

// session opens a session on the store's database. Reads are sent in read
// mode so that a cluster serves them from any member. The bookmarks of the
// request (store.Bookmarks in ctx: those its client sent and those of its
// own writes) are the session's first ones, so that what it reads includes
// what they name, even when another replica wrote it.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.database,
		AccessMode:      mode,
		Bookmarks:       neo4j.BookmarksFromRawValues(store.BookmarksFrom(ctx).Sent()...),
		BookmarkManager: s.bookmarks,
		BoltLogger:      s.boltLogger,
	})
}

// read runs work in a managed read transaction, which the driver retries
// on transient failures: work must only read and be safe to run again.
func read[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	return run(ctx, s, neo4j.AccessModeRead, work)
}

// write runs work in a managed write transaction: all of it commits or none.
func write[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	return run(ctx, s, neo4j.AccessModeWrite, work)
}

// run runs work in a managed transaction, once the schema is in place.
func run[T any](ctx context.Context, s *Store, mode neo4j.AccessMode, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	if err := s.ensureSchema(ctx); err != nil {
		var zero T
		return zero, err
	}
	return transact(ctx, s, mode, work)
}

// transact runs work in a managed transaction of the given mode, in a new
// session, without waiting for the schema. The caller's deadline becomes
// the transaction's timeout, so that Neo4j itself stops a query nobody
// waits for any more, besides the driver giving up on it.
func transact[T any](ctx context.Context, s *Store, mode neo4j.AccessMode, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	var txConfig []func(*neo4j.TransactionConfig)
	if deadline, ok := ctx.Deadline(); ok {
		left := time.Until(deadline)
		if left <= 0 {
			// Not ContextError: the context's own timer may not have
			// fired yet, and its Err would still be nil.
			return zero, store.Errorf(store.ETIMEOUT, "%s", store.TimeoutMessage)
		}
		txConfig = append(txConfig, neo4j.WithTxTimeout(left))
	}
	s.inUse.Add(1)
	defer s.inUse.Add(-1)
	sess := s.session(ctx, mode)
	defer sess.Close(ctx)
	var (
		out T
		err error
	)
	if mode == neo4j.AccessModeRead {
		out, err = neo4j.ExecuteRead(ctx, sess, neo4j.ManagedTransactionWorkT[T](work), txConfig...)
	} else {
		out, err = neo4j.ExecuteWrite(ctx, sess, neo4j.ManagedTransactionWorkT[T](work), txConfig...)
	}
	if err != nil {
		return zero, mapError(err)
	}
	if mode == neo4j.AccessModeWrite {
		// The client passes these to its next request, which then reads
		// this write wherever it is served.
		store.BookmarksFrom(ctx).Add(sess.LastBookmarks()...)
	}
	return out, nil
}
