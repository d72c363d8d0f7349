package neo4jstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// slowCypher runs for minutes in Neo4j and returns one row.
const slowCypher = `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS n`

// runSlow runs slowCypher in a read transaction under a deadline; the
// work reads the result with readCtx. It returns the store's error, the
// error the work saw, and how long the call took.
func runSlow(s *Store, deadline time.Duration, readCtx func(ctx context.Context) context.Context) (error, error, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	var workErr error
	_, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(readCtx(ctx), slowCypher, nil)
		if err == nil {
			_, err = res.Single(readCtx(ctx))
		}
		workErr = err
		return nil, err
	})
	return err, workErr, time.Since(start)
}

// TestSlowQueryEndsAtItsDeadline runs a query that would take minutes
// under a 500 ms deadline: the store must report TIMEOUT within a second
// of the deadline, and then still answer.
func TestSlowQueryEndsAtItsDeadline(t *testing.T) {
	s := openForTest(t)
	const deadline = 500 * time.Millisecond
	err, _, took := runSlow(s, deadline, func(ctx context.Context) context.Context { return ctx })
	if store.ErrorCode(err) != store.ETIMEOUT {
		t.Fatalf("after %s: %v, want %s", took, err, store.ETIMEOUT)
	}
	if took > deadline+time.Second {
		t.Errorf("stopped %s after it started, more than a second past its %s deadline", took, deadline)
	}
	if _, err := s.Vocabulary(context.Background()); err != nil {
		t.Fatalf("after the timeout: %v", err)
	}
}

// TestNeo4jStopsTheTransactionAtTheDeadline reads the slow query's result
// with a context that never ends, so that only Neo4j can stop it: the
// transaction must carry the caller's deadline as its timeout. Neo4j
// checks timeouts every 2 s (db.transaction.monitor.check.interval), so
// the query stops within that of the deadline, not a minute later.
func TestNeo4jStopsTheTransactionAtTheDeadline(t *testing.T) {
	s := openForTest(t)
	const deadline = 500 * time.Millisecond
	err, workErr, took := runSlow(s, deadline, func(context.Context) context.Context { return context.Background() })
	var db *neo4j.Neo4jError
	if !errors.As(workErr, &db) || !strings.HasPrefix(db.Code, "Neo.ClientError.Transaction.TransactionTimedOut") {
		t.Fatalf("the query was stopped by %v, want Neo4j's transaction timeout", workErr)
	}
	if store.ErrorCode(err) != store.ETIMEOUT {
		t.Errorf("store error %v, want %s", err, store.ETIMEOUT)
	}
	if took > deadline+3*time.Second {
		t.Errorf("Neo4j stopped the query %s after it started, with a %s deadline", took, deadline)
	}
}

// passedDeadline is a context whose deadline has passed while its own
// timer has not fired yet: Err is still nil, as it is for a moment on a
// busy machine.
type passedDeadline struct{ context.Context }

func (passedDeadline) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

// TestAPassedDeadlineIsATimeout checks that a call made after its deadline
// passed is a TIMEOUT error even before the context says so, never an
// empty answer without an error.
func TestAPassedDeadlineIsATimeout(t *testing.T) {
	s := seededForTest(t)
	got, err := s.RelationsOfWithEnds(passedDeadline{context.Background()}, []string{"croatia"}, store.RelationFilter{})
	if store.ErrorCode(err) != store.ETIMEOUT || got != nil {
		t.Fatalf("after the deadline: %v, %v; want a TIMEOUT error", got, err)
	}
}
