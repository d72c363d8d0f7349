package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kgraph/graph/store"
)

// TestNarrowedSearchRanksAsAFullScan holds the search, which scores only
// the entities the name index offers for the query's most selective word,
// to store.RankSearch over every entity: the same hits in the same order,
// for thousands of random texts made of whole words, word starts, words in
// any order, words of one or two letters, other scripts and spellings, and
// words no name has, in every language and page size.
func TestNarrowedSearchRanksAsAFullScan(t *testing.T) {
	ctx := context.Background()
	s, d := syntheticStore(t, 1500, 1)
	if _, err := s.Apply(ctx, &store.Dataset{Entities: awkwardlyNamed(d.Entities[0])}, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	keys := map[*store.Entity][]store.SearchKey{}
	var names []store.Label // every label and alias, as written
	for _, e := range s.entities {
		keys[e] = store.SearchKeys(e)
		names = append(names, e.Labels...)
		names = append(names, e.Aliases...)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	langs := []string{"", "en", "ar", "ru", "el", "zh", "fr"}
	hits, empty := 0, 0
	for range 4000 {
		text := randomSearchText(rng, names)
		q := store.SearchQuery{Text: text, Lang: langs[rng.IntN(len(langs))], First: []int{1, 3, 10, store.MaxSearchSize}[rng.IntN(4)]}
		got, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("search %q: %v", text, err)
		}
		want := store.RankSearch(s.entities, q, func(e *store.Entity) []store.SearchKey { return keys[e] })
		if !slices.Equal(entityIDs(got), entityIDs(want)) {
			t.Fatalf("search %+v: %v, a full scan finds %v", q, entityIDs(got), entityIDs(want))
		}
		if len(want) == 0 {
			empty++
		} else {
			hits += len(want)
		}
	}
	// The texts must exercise both outcomes, and pages cut short.
	if empty < 200 || hits < 20_000 {
		t.Fatalf("only %d texts without hits and %d hits in all", empty, hits)
	}
}

// awkwardlyNamed are entities (like e) whose names test the edges of
// ranking: a name of many words, repeated words, a name that starts
// another, accents, Cyrillic and Arabic spellings of Latin-script names,
// and a name that normalizes to nothing.
func awkwardlyNamed(e store.Entity) []store.Entity {
	long := strings.Repeat("land grand ", 40) + "federal"
	names := [][]store.Label{
		{{Lang: "en", Text: long}},
		{{Lang: "en", Text: "land land land"}, {Lang: "fr", Text: "Land Grand"}},
		{{Lang: "en", Text: "federal"}, {Lang: "de", Text: "Föderal Ünited"}},
		{{Lang: "en", Text: "federal united"}, {Lang: "sr", Text: "Федерал Јунајтед"}},
		{{Lang: "en", Text: "!!!"}, {Lang: "ar", Text: "الاتحاد الفيدرالي"}},
		{{Lang: "en", Text: "Grand-River (1848)"}, {Lang: "ru", Text: "Гранд Ривер"}},
	}
	out := make([]store.Entity, len(names))
	for i, ls := range names {
		out[i] = e
		out[i].ID = fmt.Sprintf("z%03d", i)
		out[i].Labels = store.Texts{ls[0]}
		out[i].Aliases = store.Aliases(ls[1:])
	}
	return out
}

// randomSearchText is a text a reader might search for: words of a random
// name (whole, cut short, reordered, repeated, capitalized), a word from
// another name, or a word no name has.
func randomSearchText(rng *rand.Rand, names []store.Label) string {
	var words []string
	base := names[rng.IntN(len(names))]
	for range 1 + rng.IntN(4) {
		name := base // mostly words of one name, sometimes of several
		if rng.IntN(4) == 0 {
			name = names[rng.IntN(len(names))]
		}
		candidates := strings.FieldsFunc(name.Text, func(r rune) bool { return r == ' ' || r == '-' || r == '(' || r == ')' })
		if len(candidates) == 0 {
			continue
		}
		w := []rune(candidates[rng.IntN(len(candidates))])
		switch rng.IntN(8) {
		case 0:
			w = w[:1]
		case 1:
			w = w[:min(2, len(w))]
		case 2, 3:
			w = w[:1+rng.IntN(len(w))]
		case 4:
			w = []rune(strings.ToUpper(string(w)))
		case 5:
			w = []rune([]string{"qqzx", "zz", "ж", "ف", "1", "12", "4999", "σο", "国"}[rng.IntN(9)])
		}
		words = append(words, string(w))
	}
	if rng.IntN(4) == 0 {
		rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	}
	text := strings.Join(words, []string{" ", "  ", ", ", "-"}[rng.IntN(4)])
	if store.NormalizeText(text) == "" || utf8.RuneCountInString(text) > store.MaxSearchTextLength {
		return "land"
	}
	return text
}
