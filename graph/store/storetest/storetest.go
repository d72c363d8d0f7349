// Package storetest is the conformance suite every store.Store passes: the
// same calls, the same expected answers, whatever the backend. A backend's
// test calls Run with a function that returns a new, empty store.
package storetest

import (
	"context"
	"strings"
	"testing"

	"kgraph/graph/store"
	"kgraph/seed"
)

// NewStore returns an empty store for one subtest; it is closed by the suite.
type NewStore func(t *testing.T) store.Store

// Run runs every conformance test, each on a fresh store.
func Run(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"ApplyThenExport", testApplyThenExport},
		{"ApplyIsIdempotent", testApplyIsIdempotent},
		{"ApplyDryRun", testApplyDryRun},
		{"ApplyUpdates", testApplyUpdates},
		{"ApplyRejectsInvalid", testApplyRejectsInvalid},
		{"Vocabulary", testVocabulary},
		{"SourceDocuments", testSourceDocuments},
		{"Entities", testEntities},
		{"ListEntities", testListEntities},
		{"ListEntitiesErrors", testListEntitiesErrors},
		{"Search", testSearch},
		{"SearchErrors", testSearchErrors},
		{"ListRelations", testListRelations},
		{"ListRelationsPaging", testListRelationsPaging},
		{"ListRelationsErrors", testListRelationsErrors},
		{"RelationsOf", testRelationsOf},
		{"Neighborhood", testNeighborhood},
		{"NeighborhoodTruncated", testNeighborhoodTruncated},
		{"NeighborhoodErrors", testNeighborhoodErrors},
		{"ShortestPath", testShortestPath},
		{"ShortestPathTieBreak", testShortestPathTieBreak},
		{"ShortestPathErrors", testShortestPathErrors},
		{"Timeline", testTimeline},
		{"TimelineErrors", testTimelineErrors},
		{"ChangesBetween", testChangesBetween},
		{"ChangesBetweenErrors", testChangesBetweenErrors},
		{"ChangesBetweenTooLarge", testChangesBetweenTooLarge},
		{"Languages", testLanguages},
		{"OtherVocabulary", testOtherVocabulary},
		{"Existing", testExisting},
		{"Ping", testPing},
		{"RelationsByID", testRelationsByID},
		{"NodeIDsUniqueAcrossSections", testNodeIDsUniqueAcrossSections},
		{"Version", testVersion},
		{"WriteCreates", testWriteCreates},
		{"WriteUpdates", testWriteUpdates},
		{"WriteConflicts", testWriteConflicts},
		{"WriteRejectsInvalid", testWriteRejectsInvalid},
		{"WriteDeletes", testWriteDeletes},
		{"WriteUnchanged", testWriteUnchanged},
		{"ChangesPaging", testChangesPaging},
		{"ApplyLogsChange", testApplyLogsChange},
		{"VersionChangesOnWrite", testVersionChangesOnWrite},
		{"WriteRace", testWriteRace},
		{"WriteKindSharingAnEntityID", testWriteKindSharingAnEntityID},
		{"AsOf", testAsOf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() { _ = s.Close() })
			tt.fn(t, s)
		})
	}
}

// seeded applies the seed dataset to s and returns it.
func seeded(t *testing.T, s store.Store) *store.Dataset {
	t.Helper()
	d, err := seedDataset()
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatalf("apply seed: %v", err)
	}
	return d
}

func ctx() context.Context { return context.Background() }

// wantCode fails unless err carries the given code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := store.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// failure is a query a store must refuse with code, in a message that
// mentions want ("" for any message).
type failure[Q any] struct {
	name string
	q    Q
	code string
	want string
}

// wantFailures calls call with each failure's query, in a subtest each.
func wantFailures[Q, R any](t *testing.T, call func(context.Context, Q) (R, error), failures []failure[Q]) {
	t.Helper()
	for _, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			_, err := call(ctx(), f.q)
			wantCode(t, err, f.code)
			if !strings.Contains(err.Error(), f.want) {
				t.Fatalf("error %q does not mention %q", err, f.want)
			}
		})
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func entityIDs(es []*store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		if e == nil {
			out[i] = "<nil>"
			continue
		}
		out[i] = e.ID
	}
	return out
}

func relationIDs(rs []*store.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func date(s string) *store.PartialDate {
	d := store.MustParsePartialDate(s)
	return &d
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// seedDataset is the seed, parsed afresh so that no test sees another's changes.
func seedDataset() (*store.Dataset, error) { return seed.Dataset() }
