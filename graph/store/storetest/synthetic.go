package storetest

import (
	"fmt"
	"math/rand/v2"

	"kgraph/graph/store"
)

// Synthetic returns a generated dataset of n entities and about degree*n
// relations, with dated relations and labels in two languages: a graph of a
// known size for benchmarks and load tests. The same n and degree always
// give the same dataset.
func Synthetic(n, degree int) *store.Dataset {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(degree)))
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	d := &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds: []store.EntityKind{{ID: "state", Labels: en("State")}, {ID: "agreement", Labels: en("Agreement")}},
			RelationTypes: []store.RelationType{
				{ID: "SIGNED", Labels: en("signed"), InverseLabels: en("signed by")},
				{ID: "ALLIED_WITH", Labels: en("allied with"), InverseLabels: en("allied with"), Symmetric: true},
				{ID: "SUCCEEDED", Labels: en("succeeded"), InverseLabels: en("succeeded by")},
			},
		},
		Sources: []store.SourceDocument{{ID: "synthetic", Title: "Generated data", Language: "en"}},
	}
	words := []string{"north", "south", "grand", "united", "free", "royal", "federal", "people's", "island", "river"}
	for i := 0; i < n; i++ {
		kind := "state"
		if i%5 == 4 {
			kind = "agreement"
		}
		name := fmt.Sprintf("%s %s land %d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], i)
		d.Entities = append(d.Entities, store.Entity{
			ID: fmt.Sprintf("e%06d", i), Kind: kind,
			Labels: store.Texts{{Lang: "ar", Text: fmt.Sprintf("بلد %d", i)}, {Lang: "en", Text: name}},
		})
	}
	types := []string{"SIGNED", "ALLIED_WITH", "SUCCEEDED"}
	for i := 0; i < n*degree; i++ {
		from, to := rng.IntN(n), rng.IntN(n)
		if from == to {
			continue
		}
		year := 1800 + rng.IntN(220)
		start := store.PartialDate{Year: year}
		end := store.PartialDate{Year: year + rng.IntN(30)}
		d.Relations = append(d.Relations, store.Relation{
			ID: fmt.Sprintf("r%07d", i), Type: types[rng.IntN(len(types))],
			FromID: fmt.Sprintf("e%06d", from), ToID: fmt.Sprintf("e%06d", to),
			Start: &start, End: &end,
			Sources: []store.Citation{{Source: "synthetic"}},
		})
	}
	return d
}
