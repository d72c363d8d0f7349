package cli

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// Crash rounds: each starts the server on the data the last one left,
// writes as fast as it can from crashWorkers clients for a random time
// within the store's load window, kills the server with SIGKILL and
// checks what it kept.
const (
	crashRounds  = 5
	crashWorkers = 4
)

// TestCrashLosesNothingAcknowledged kills the server on the embedded
// store with SIGKILL while clients write, again and again, and checks
// after each restart that every acknowledged write is there and that no
// element is half-written.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	crashRoundsOn(t, map[string]string{"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db")}, 800*time.Millisecond, 2*time.Second)
}

// TestCrashLosesNothingAcknowledgedNeo4j is the crash test on Neo4j: the
// service process dies, the database lives on.
func TestCrashLosesNothingAcknowledgedNeo4j(t *testing.T) {
	// A write to Neo4j takes far longer than one to the data file: a
	// longer window, for as many writes under way at the kill.
	crashRoundsOn(t, neo4jtest.Reset(t).Vars(), 2*time.Second, 4*time.Second)
}

// crashRoundsOn runs the crash rounds on the store env selects, loading
// each round for a random time from least to most.
func crashRoundsOn(t *testing.T, env map[string]string, least, most time.Duration) {
	env["KG_API_KEYS"] = editorKeys
	env["KG_RATE_LIMIT"] = "0"             // the load comes from one client, faster than one client may send
	env["KG_MAX_COMPLEXITY"] = "100000000" // the read-back takes the change log in large pages
	l := newLedger()
	for round := 1; round <= crashRounds; round++ {
		p := startProcess(t, env)
		if round > 1 {
			// What the last round left must have come back whole.
			l.check(t, p.base)
		}
		loadFor := least + rand.N(most-least)
		stats := l.writeUntilKilled(t, p, round, loadFor)
		t.Logf("round %d: %d writes acknowledged in %s, %d in flight at the kill", round, stats.acked, loadFor.Round(time.Millisecond), stats.inFlight)
		if stats.acked == 0 {
			t.Fatalf("round %d: no write acknowledged before the kill\n%s", round, p.logs)
		}
		if t.Failed() {
			t.Fatalf("round %d failed\n%s", round, p.logs)
		}
	}
	p := startProcess(t, env)
	l.check(t, p.base)
	t.Logf("after %d kills: %d entities and %d relations written, %d changes acknowledged, %d writes committed without an acknowledgment",
		crashRounds, len(l.entities), len(l.relations), len(l.seqs), l.committedUnacknowledged)
}

// ledger is what the clients know of their writes: every acknowledged
// one, and the one each client had sent without an answer when the server
// died (which may or may not have been committed).
type ledger struct {
	mu sync.Mutex
	// entities are the written entities by id.
	entities map[string]*entityRecord
	// relations are the written relations by id.
	relations map[string]*relationRecord
	// seqs are the change-log seqs of acknowledged writes, with the element
	// and version each acknowledged.
	seqs map[int64]ackedElement
	// committedUnacknowledged counts writes in flight at a kill that the
	// restarted server turned out to have committed.
	committedUnacknowledged int
}

// entityRecord is what the clients know of one entity. Its English label
// is crashLabel(id, version), so the version says what it must read.
type entityRecord struct {
	// acked is the version last acknowledged; 0 when none was.
	acked int64
	// inFlight is the version a write without an answer would have made; 0
	// when none was in flight.
	inFlight int64
}

// relationRecord is what the clients know of one relation.
type relationRecord struct {
	from, to string
	// acked is whether its creation was acknowledged; if not, it was in
	// flight at the kill.
	acked bool
}

// ackedElement is the element an acknowledged change wrote, and its version.
type ackedElement struct {
	id      string
	version int64
}

func newLedger() *ledger {
	return &ledger{entities: map[string]*entityRecord{}, relations: map[string]*relationRecord{}, seqs: map[int64]ackedElement{}}
}

// crashLabel is the English label of entity id at a version.
func crashLabel(id string, version int64) string {
	return fmt.Sprintf("Crash test event %s, version %d", id, version)
}

type roundStats struct{ acked, inFlight int }

// writeUntilKilled writes from crashWorkers clients until loadFor has
// passed, kills p mid-load, and waits for the clients to notice.
func (l *ledger) writeUntilKilled(t *testing.T, p *process, round int, loadFor time.Duration) roundStats {
	// Entities that survived earlier rounds are shared out among the
	// clients, each updated by one only, so that every version a client
	// names is the current one.
	var survivors []string
	l.mu.Lock()
	for id, e := range l.entities {
		if e.acked > 0 {
			survivors = append(survivors, id)
		}
	}
	l.mu.Unlock()
	sort.Strings(survivors)

	// One write first, which must be acknowledged: the server can write,
	// and the first write's warm-up (connections, query plans) is not
	// counted in the load.
	var warmed []string
	op, vars, record := l.nextWrite(round, crashWorkers, 0, &warmed, survivors)
	if a, err := newClient(p.base, editorKey).post(op, vars, nil); err != nil || !a.acknowledged() {
		t.Fatalf("round %d, first write: %v %s\n%s", round, err, a, p.logs)
	} else if err := record(mustWritten(t, a)); err != nil {
		t.Fatal(err)
	}

	var killed atomic.Bool
	var acked, inFlight atomic.Int64
	var wg sync.WaitGroup
	for w := range crashWorkers {
		var own []string
		for i := w; i < len(survivors); i += crashWorkers {
			own = append(own, survivors[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(p.base, editorKey)
			for n := 0; ; n++ {
				op, vars, record := l.nextWrite(round, w, n, &own, survivors)
				a, err := c.post(op, vars, nil)
				switch {
				case err != nil && killed.Load():
					inFlight.Add(1)
					return // the server is gone; what was sent is in the ledger as in flight
				case err != nil:
					t.Errorf("a write failed before the kill: %v", err)
					return
				case !a.acknowledged():
					t.Errorf("a write was refused: %s", a)
					return
				}
				pw, err := decodeWritten(a)
				if err != nil || pw.Change == nil {
					t.Errorf("an acknowledged write without its change: %s (%v)", a, err)
					return
				}
				if err := record(pw); err != nil {
					t.Error(err)
					return
				}
				acked.Add(1)
			}
		}()
	}
	time.Sleep(loadFor)
	killed.Store(true)
	p.kill()
	wg.Wait()
	return roundStats{acked: int(acked.Load()), inFlight: int(inFlight.Load())}
}

// nextWrite picks a client's next write, notes it in the ledger as in
// flight, and returns it with the function that records its
// acknowledgment: a new entity, a relation from one of the client's
// entities to any entity known to exist, or an update of one of its own.
func (l *ledger) nextWrite(round, worker, n int, own *[]string, survivors []string) (string, map[string]any, func(written) error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	name := fmt.Sprintf("crash-%d-%d-%d", round, worker, n)
	switch r := rand.Float64(); {
	case len(*own) == 0 || r < 0.4:
		l.entities[name] = &entityRecord{inFlight: 1}
		return createEntityOp, map[string]any{"e": entityInput(name, crashLabel(name, 1))}, func(w written) error {
			*own = append(*own, name)
			return l.ack(name, 1, w)
		}
	case r < 0.7:
		from, to := (*own)[rand.N(len(*own))], "croatia" // an entity of the seed
		switch {
		case rand.N(3) == 0:
			to = (*own)[rand.N(len(*own))]
		case rand.N(2) == 0 && len(survivors) > 0:
			to = survivors[rand.N(len(survivors))]
		}
		if to == from {
			to = "croatia"
		}
		l.relations[name] = &relationRecord{from: from, to: to}
		return createRelationOp, map[string]any{"r": relationInput(name, from, to)}, func(w written) error { return l.ack(name, 1, w) }
	default:
		id := (*own)[rand.N(len(*own))]
		e := l.entities[id]
		e.inFlight = e.acked + 1
		return updateEntityOp, map[string]any{"v": e.acked, "e": entityInput(id, crashLabel(id, e.inFlight))}, func(w written) error { return l.ack(id, e.inFlight, w) }
	}
}

// ack records the acknowledgment of a write that made version want of
// element id.
func (l *ledger) ack(id string, want int64, w written) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var version int64
	switch {
	case w.Entity != nil:
		version = w.Entity.Version
		e := l.entities[id]
		e.acked, e.inFlight = version, 0
	case w.Relation != nil:
		version = w.Relation.Version
		l.relations[id].acked = true
	}
	l.seqs[w.Change.Seq] = ackedElement{id: id, version: version}
	if version != want {
		return fmt.Errorf("the write of %s was acknowledged at version %d, want %d", id, version, want)
	}
	return nil
}
