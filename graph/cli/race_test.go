package cli

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// Racing editors: raceEditors editors, each with a key of their own, send
// an update of one entity based on the same version at the same moment,
// raceRounds times over.
const (
	raceEditors = 6
	raceRounds  = 10
)

// TestRacingEditorsOneWins races editors over HTTP on the embedded store:
// exactly one update wins each round, every other one is refused with
// CONFLICT and the version that won, and the entity ends one version on,
// with the winner's content.
func TestRacingEditorsOneWins(t *testing.T) {
	racingEditors(t, embeddedEnv(t))
}

// TestRacingEditorsOneWinsNeo4j is the race on Neo4j.
func TestRacingEditorsOneWinsNeo4j(t *testing.T) {
	racingEditors(t, neo4jtest.Reset(t).Vars())
}

func raceKey(i int) string { return fmt.Sprintf("secret-of-racing-editor-%d", i) }

func racingEditors(t *testing.T, env map[string]string) {
	keys := make([]string, raceEditors)
	for i := range keys {
		keys[i] = fmt.Sprintf("racer-%d:editor:%s", i, raceKey(i))
	}
	env["KG_API_KEYS"] = strings.Join(keys, ",")
	env["KG_RATE_LIMIT"] = "0" // the editors write from one address
	base, logs, _ := startServer(t, env)
	editors := make([]*client, raceEditors)
	for i := range editors {
		editors[i] = newClient(base, raceKey(i))
	}
	const id = "raced-event"
	editors[0].must(t, createEntityOp, map[string]any{"e": entityInput(id, "Raced event")}, nil)

	for round, version := 0, int64(1); round < raceRounds; round, version = round+1, version+1 {
		answers := make([]answer, raceEditors)
		errs := make([]error, raceEditors)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, c := range editors {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				answers[i], errs[i] = c.post(updateEntityOp, map[string]any{"v": version, "e": entityInput(id, racedLabel(round, i))}, nil)
			}()
		}
		close(start)
		wg.Wait()

		winner := -1
		for i, a := range answers {
			switch {
			case errs[i] != nil:
				t.Fatalf("round %d, editor %d: %v\n%s", round, i, errs[i], logs)
			case a.acknowledged():
				if winner >= 0 {
					t.Errorf("round %d: editors %d and %d both updated version %d", round, winner, i, version)
				}
				winner = i
				if w, err := decodeWritten(a); err != nil || w.Entity == nil || w.Entity.Version != version+1 {
					t.Errorf("round %d: the winning update answered %s, want version %d", round, a, version+1)
				}
			case a.code() != "CONFLICT":
				t.Errorf("round %d, editor %d: %s, want CONFLICT", round, i, a)
			case a.Errors[0].Extensions["currentVersion"] != float64(version+1):
				t.Errorf("round %d, editor %d: CONFLICT with currentVersion %v, want %d", round, i, a.Errors[0].Extensions["currentVersion"], version+1)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no update of version %d won: %v", round, version, answers)
		}
		var got struct {
			Entity struct {
				Version int64
				Labels  []struct{ Lang, Text string }
			}
		}
		editors[0].must(t, `query($id: ID!) { entity(id: $id) { version labels { lang text } } }`, map[string]any{"id": id}, &got)
		if got.Entity.Version != version+1 || len(got.Entity.Labels) != 1 || got.Entity.Labels[0].Text != racedLabel(round, winner) {
			t.Fatalf("round %d: the entity reads %+v, want version %d labelled %q", round, got.Entity, version+1, racedLabel(round, winner))
		}
	}

	// The log holds the creation and one update per round: no loser's.
	var changes struct {
		Changes struct{ Nodes []struct{ Action string } }
	}
	editors[0].must(t, `query($id: ID!) { changes(entity: $id, first: 100) { nodes { action } } }`, map[string]any{"id": id}, &changes)
	if got := len(changes.Changes.Nodes); got != 1+raceRounds {
		t.Errorf("the change log has %d changes of %s, want %d: %+v", got, id, 1+raceRounds, changes.Changes.Nodes)
	}
}

func racedLabel(round, editor int) string {
	return fmt.Sprintf("Raced event, round %d, written by editor %d", round, editor)
}
