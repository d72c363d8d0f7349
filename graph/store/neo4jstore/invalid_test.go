package neo4jstore

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"kgraph/graph/store"
)

// recorder is a Bolt logger that keeps every message the driver sends.
type recorder struct {
	mu   sync.Mutex
	sent []string
}

func (r *recorder) LogClientMessage(_ string, msg string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, fmt.Sprintf(msg, args...))
}

func (r *recorder) LogServerMessage(string, string, ...any) {}

// mentioning returns the messages sent that contain s.
func (r *recorder) mentioning(s string) []string {
	return r.matching(func(m string) bool { return strings.Contains(m, s) })
}

// matching returns the messages sent that match.
func (r *recorder) matching(match func(string) bool) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.sent {
		if match(m) {
			out = append(out, m)
		}
	}
	return out
}

// TestUnknownTypeNeverReachesCypher checks that a relation type outside the
// vocabulary, well formed or crafted to break out of the pattern it would
// be written into, is an EINVALID error and is sent to Neo4j in no form.
func TestUnknownTypeNeverReachesCypher(t *testing.T) {
	s := seededForTest(t)
	rec := &recorder{}
	s.boltLogger = rec

	for _, typ := range []string{"INVADED", "SIGNED`]-() DETACH DELETE n //"} {
		calls := map[string]func() error{
			"ListRelations": func() error {
				_, err := s.ListRelations(t.Context(), store.RelationQuery{Types: []string{"SIGNED", typ}})
				return err
			},
			"RelationsOf": func() error {
				_, err := s.RelationsOf(t.Context(), []string{"croatia"}, store.RelationFilter{Types: []string{typ}})
				return err
			},
			"Neighborhood": func() error {
				_, err := s.Neighborhood(t.Context(), store.NeighborhoodQuery{ID: "croatia", Depth: 1, Types: []string{typ}})
				return err
			},
			"ShortestPath": func() error {
				_, err := s.ShortestPath(t.Context(), store.PathQuery{From: "croatia", To: "serbia", Types: []string{typ}})
				return err
			},
			"Timeline": func() error {
				_, err := s.Timeline(t.Context(), store.TimelineQuery{Types: []string{typ}})
				return err
			},
		}
		for name, call := range calls {
			if err := call(); store.ErrorCode(err) != store.EINVALID {
				t.Errorf("%s with type %q = %v, want %s", name, typ, err, store.EINVALID)
			}
		}
		if sent := rec.mentioning(strings.Fields(typ)[0]); len(sent) > 0 {
			t.Errorf("type %q was sent to Neo4j: %q", typ, sent)
		}
	}
	// The recorder did see the queries that read the vocabulary.
	if len(rec.mentioning("RelationType")) == 0 {
		t.Fatal("the Bolt recorder saw no query: the check above proves nothing")
	}
	es, err := s.Entities(t.Context(), []string{"croatia"})
	if err != nil || es[0] == nil {
		t.Fatalf("croatia after the attempts = %v, %v", es, err)
	}
}
