package export

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kgraph/graph/store"
)

func TestSelectWholeGraph(t *testing.T) {
	s := seededStore(t)
	got, err := Select(context.Background(), s, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Export(context.Background())
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the zero filter must select what Export returns")
	}
}

func TestSelectAt(t *testing.T) {
	s := seededStore(t)
	at := store.MustParsePartialDate("1949")
	d := mustSelect(t, s, Filter{At: &at})
	rels := relationIDs(d)
	if !slices.Contains(rels, "sfry-broke-relations-ussr-1949") {
		t.Errorf("1949 lacks the break: %v", rels)
	}
	if slices.Contains(rels, "sfry-traded-with-ussr") {
		t.Errorf("1949 has the 1960-1989 trade: %v", rels)
	}
	for _, r := range d.Relations {
		if !store.InForce(r.Start, r.End, at) {
			t.Errorf("%s is not in force in 1949", r.ID)
		}
	}
	if ids := entityIDs(d); slices.Contains(ids, "russian-empire") {
		t.Errorf("an entity no 1949 relation touches was kept: %v", ids)
	}
	wantValid(t, d)

	at = store.MustParsePartialDate("1960")
	if rels := relationIDs(mustSelect(t, s, Filter{At: &at})); slices.Contains(rels, "sfry-broke-relations-ussr-1949") {
		t.Errorf("1960 has the 1949 break: %v", rels)
	}
}

func TestSelectTypes(t *testing.T) {
	s := seededStore(t)
	d := mustSelect(t, s, Filter{Types: []string{"SOLE_SUCCESSOR_OF", "CONTINUATION_OF"}})
	if got := relationIDs(d); !slices.Equal(got, []string{"russia-sole-successor-of-ussr", "serbia-continuation-of-fry"}) {
		t.Errorf("relations = %v", got)
	}
	if got := entityIDs(d); !slices.Equal(got, []string{"fr-yugoslavia", "russian-federation", "serbia", "soviet-union"}) {
		t.Errorf("entities = %v", got)
	}
	if len(d.Vocabulary.RelationTypes) < 20 {
		t.Error("the vocabulary must stay whole, so that the file can be imported as it is")
	}
	wantValid(t, d)
}

func TestSelectRoot(t *testing.T) {
	s := seededStore(t)
	d := mustSelect(t, s, Filter{Roots: []string{"croatia"}})
	if got := entityIDs(d); !slices.Equal(got, []string{
		"agreement-1955-science-technology", "agreement-1974-culture-science-education",
		"agreement-1988-higher-education", "croatia", "sfr-yugoslavia",
	}) {
		t.Errorf("depth 1 entities = %v", got)
	}
	deeper := mustSelect(t, s, Filter{Roots: []string{"croatia"}, Depth: 2})
	if len(deeper.Entities) <= len(d.Entities) {
		t.Errorf("depth 2 has %d entities, depth 1 %d", len(deeper.Entities), len(d.Entities))
	}
	wantValid(t, deeper)

	at := store.MustParsePartialDate("1949")
	typed := mustSelect(t, s, Filter{Roots: []string{"sfr-yugoslavia"}, Types: []string{"BROKE_RELATIONS"}, At: &at})
	if got := relationIDs(typed); !slices.Equal(got, []string{"sfry-broke-relations-ussr-1949"}) {
		t.Errorf("typed, dated neighbourhood = %v", got)
	}
}

// TestSelectSeveralRoots checks that several roots give the union of their
// neighbourhoods, as a view with several entities expanded shows them.
func TestSelectSeveralRoots(t *testing.T) {
	s := seededStore(t)
	croatia := mustSelect(t, s, Filter{Roots: []string{"croatia"}})
	russia := mustSelect(t, s, Filter{Roots: []string{"russian-federation"}})
	both := mustSelect(t, s, Filter{Roots: []string{"croatia", "russian-federation"}})
	union := func(a, b []string) []string {
		u := slices.Concat(a, b)
		slices.Sort(u)
		return slices.Compact(u)
	}
	if got, want := entityIDs(both), union(entityIDs(croatia), entityIDs(russia)); !slices.Equal(got, want) {
		t.Errorf("entities of two roots = %v, want the union %v", got, want)
	}
	if got, want := relationIDs(both), union(relationIDs(croatia), relationIDs(russia)); !slices.Equal(got, want) {
		t.Errorf("relations of two roots = %v, want the union %v", got, want)
	}
	wantValid(t, both)

	f, err := ParseFilter("", "", "croatia, russian-federation,croatia", "")
	if err != nil || !slices.Equal(f.Roots, []string{"croatia", "russian-federation"}) {
		t.Fatalf("ParseFilter of a root list = %+v, %v", f, err)
	}
	var ids []string
	for i := range MaxRoots {
		ids = append(ids, fmt.Sprintf("entity-%d", i))
	}
	many := strings.Join(ids, ",")
	if _, err := ParseFilter("", "", many, ""); err != nil {
		t.Errorf("%d roots: %v", MaxRoots, err)
	}
	_, err = ParseFilter("", "", many+",one-more", "")
	wantCode(t, err, store.EINVALID)
}

func TestSelectErrors(t *testing.T) {
	s := seededStore(t)
	ctx := context.Background()
	_, err := Select(ctx, s, Filter{Types: []string{"NO_SUCH_TYPE"}})
	wantCode(t, err, store.EINVALID)
	_, err = Select(ctx, s, Filter{Roots: []string{"croatia"}, Types: []string{"NO_SUCH_TYPE"}})
	wantCode(t, err, store.EINVALID)
	_, err = Select(ctx, s, Filter{Roots: []string{"atlantis"}})
	wantCode(t, err, store.ENOTFOUND)
	_, err = Select(ctx, s, Filter{Depth: 2})
	wantCode(t, err, store.EINVALID)
}

func TestSelectRefusesATruncatedNeighbourhood(t *testing.T) {
	// A star: one hub linked to more entities than a neighbourhood may hold.
	d := tinyDataset()
	for i := range store.MaxNeighborhoodLimit + 1 {
		id := "state-" + string(rune('a'+i/676)) + string(rune('a'+i/26%26)) + string(rune('a'+i%26))
		d.Entities = append(d.Entities, store.Entity{ID: id, Kind: "state", Labels: store.Texts{{Lang: "en", Text: id}}})
		d.Relations = append(d.Relations, store.Relation{ID: "signed-" + id, Type: "SIGNED", FromID: id, ToID: "pact",
			Sources: []store.Citation{{Source: "article"}}})
	}
	_, err := Select(context.Background(), storeWith(t, d), Filter{Roots: []string{"pact"}})
	wantCode(t, err, store.EINVALID)
}

func mustSelect(t *testing.T, s store.Store, f Filter) *store.Dataset {
	t.Helper()
	d, err := Select(context.Background(), s, f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// wantValid fails unless d is a dataset that could be imported on its own.
func wantValid(t *testing.T, d *store.Dataset) {
	t.Helper()
	if err := d.Check(); err != nil {
		t.Fatalf("the selection is not a valid dataset: %v", err)
	}
}

func entityIDs(d *store.Dataset) []string {
	var ids []string
	for _, e := range d.Entities {
		ids = append(ids, e.ID)
	}
	return ids
}

func relationIDs(d *store.Dataset) []string {
	var ids []string
	for _, r := range d.Relations {
		ids = append(ids, r.ID)
	}
	return ids
}
