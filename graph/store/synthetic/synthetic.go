// Package synthetic generates knowledge graphs of any size, shaped like the
// real one, for benchmarks, load tests and the stores' own tests.
package synthetic

import (
	"fmt"
	"math"
	"math/rand/v2"

	"kgraph/graph/store"
)

// Dataset returns a generated dataset of n entities and about degree*n
// relations: a graph of a known size for benchmarks and load tests, shaped
// like the real one. Degrees follow a power law (a few hubs touch many
// relations, most entities a handful); relations are typed, most of them
// dated to a year, a month or a day, some open-ended or undated; labels
// are in English and, for many entities, in Arabic, Russian, Greek and
// Chinese, so that search meets several scripts. The same n and degree
// always give the same dataset.
func Dataset(n, degree int) *store.Dataset {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(degree)))
	d := &store.Dataset{Vocabulary: syntheticVocabulary(), Sources: []store.SourceDocument{{ID: "synthetic", Title: "Generated data", Language: "en"}}}
	kinds := d.Vocabulary.EntityKinds
	d.Entities = make([]store.Entity, n)
	for i := range d.Entities {
		d.Entities[i] = store.Entity{
			ID: syntheticEntityID(i), Kind: kinds[i%len(kinds)].ID,
			Labels:  syntheticLabels(rng, i),
			Sources: []store.Citation{{Source: "synthetic", Paragraph: 1 + i%50}},
		}
		if i%7 == 0 {
			d.Entities[i].Aliases = store.Aliases{{Lang: "en", Text: fmt.Sprintf("%s %d", syllables(rng, latin, 2), i)}}
		}
	}
	// Subjects and objects are drawn by rank from skewed distributions,
	// and ranks are shuffled onto entities, so that hubs are spread over
	// the id space rather than sitting at its start.
	subjects, objects := rng.Perm(n), rng.Perm(n)
	types := d.Vocabulary.RelationTypes
	d.Relations = make([]store.Relation, 0, n*degree)
	for i := 0; i < n*degree; i++ {
		from, to := subjects[powerLawRank(rng, n, 1.6)], objects[powerLawRank(rng, n, 2.5)]
		if from == to {
			continue
		}
		start, end := syntheticPeriod(rng)
		d.Relations = append(d.Relations, store.Relation{
			ID: fmt.Sprintf("r%07d", i), Type: types[rng.IntN(len(types))].ID,
			FromID: syntheticEntityID(from), ToID: syntheticEntityID(to),
			Start: start, End: end,
			Sources: []store.Citation{{Source: "synthetic", Paragraph: 1 + i%50, Sentence: 1 + i%3}},
		})
	}
	return d
}

func syntheticEntityID(i int) string { return fmt.Sprintf("e%06d", i) }

// powerLawRank draws a rank in [0, n) whose frequency falls as a power of
// the rank: the larger skew, the more the low ranks (the hubs) dominate.
func powerLawRank(rng *rand.Rand, n int, skew float64) int {
	return min(n-1, int(float64(n)*math.Pow(rng.Float64(), skew)))
}

// syntheticPeriod is a start and an end of year, month or day precision;
// one relation in ten is undated and one in five has no end.
func syntheticPeriod(rng *rand.Rand) (start, end *store.PartialDate) {
	if rng.IntN(10) == 0 {
		return nil, nil
	}
	year := 1800 + rng.IntN(220)
	s := store.PartialDate{Year: year}
	switch rng.IntN(3) {
	case 1:
		s.Month = 1 + rng.IntN(12)
	case 2:
		s.Month, s.Day = 1+rng.IntN(12), 1+rng.IntN(28)
	}
	if rng.IntN(5) == 0 {
		return &s, nil
	}
	e := store.PartialDate{Year: year + rng.IntN(30)}
	return &s, &e
}

// englishWords make up English names such as "grand river land 12", which
// many share word by word, as real names do.
var englishWords = []string{"north", "south", "grand", "united", "free", "royal", "federal", "people's", "island", "river"}

// The scripts other labels are written in, each as syllables that make up words.
var (
	latin    = []string{"al", "ba", "cor", "da", "el", "fa", "gra", "hu", "is", "ka", "lo", "mar", "no", "or", "pe", "ros", "sa", "ti", "ur", "ve"}
	arabic   = []string{"با", "تي", "جا", "دو", "را", "سي", "شا", "عا", "فو", "قا", "كي", "لا", "مو", "نا", "ها", "وا", "يو"}
	cyrillic = []string{"ба", "ве", "го", "да", "ка", "ли", "мо", "на", "ор", "пе", "ра", "со", "ту", "ус", "фа", "ха"}
	greek    = []string{"αλ", "βα", "γι", "δε", "κα", "λο", "μα", "νι", "πο", "ρα", "σο", "τα", "φι", "χο"}
	han      = []string{"东", "西", "南", "北", "中", "华", "国", "山", "河", "海", "联", "合", "协", "约", "城", "州"}
)

func syllables(rng *rand.Rand, script []string, k int) string {
	s := ""
	for j := 0; j < k; j++ {
		s += script[rng.IntN(len(script))]
	}
	return s
}

// syntheticLabels names entity i in English always and in the other
// scripts for most entities; the number keeps every label unique.
func syntheticLabels(rng *rand.Rand, i int) store.Texts {
	word := func(script []string) string { return syllables(rng, script, 2+rng.IntN(2)) }
	en := fmt.Sprintf("%s %s land %d", englishWords[rng.IntN(len(englishWords))], englishWords[rng.IntN(len(englishWords))], i)
	labels := store.Texts{}
	if i%2 == 0 {
		labels = append(labels, store.Label{Lang: "ar", Text: fmt.Sprintf("بلد %s %d", word(arabic), i)})
	}
	if i%3 == 0 {
		labels = append(labels, store.Label{Lang: "el", Text: fmt.Sprintf("%s %d", word(greek), i)})
	}
	labels = append(labels, store.Label{Lang: "en", Text: en})
	if i%3 == 1 {
		labels = append(labels, store.Label{Lang: "ru", Text: fmt.Sprintf("%s %s %d", word(cyrillic), word(cyrillic), i)})
	}
	if i%4 == 1 {
		labels = append(labels, store.Label{Lang: "zh", Text: fmt.Sprintf("%s%d", word(han), i)})
	}
	return labels
}

// syntheticVocabulary has the kinds and relation types of a history graph,
// two of the types symmetric.
func syntheticVocabulary() store.Vocabulary {
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	return store.Vocabulary{
		EntityKinds: []store.EntityKind{
			{ID: "agreement", Labels: en("Agreement")}, {ID: "city", Labels: en("City")},
			{ID: "organization", Labels: en("Organization")}, {ID: "person", Labels: en("Person")},
			{ID: "state", Labels: en("State")},
		},
		RelationTypes: []store.RelationType{
			{ID: "ALLIED_WITH", Labels: en("allied with"), InverseLabels: en("allied with"), Symmetric: true},
			{ID: "BORDERS", Labels: en("borders"), InverseLabels: en("borders"), Symmetric: true},
			{ID: "LED", Labels: en("led"), InverseLabels: en("led by")},
			{ID: "MEMBER_OF", Labels: en("member of"), InverseLabels: en("has member")},
			{ID: "PART_OF", Labels: en("part of"), InverseLabels: en("has part")},
			{ID: "SIGNED", Labels: en("signed"), InverseLabels: en("signed by")},
			{ID: "SUCCEEDED", Labels: en("succeeded"), InverseLabels: en("succeeded by")},
		},
	}
}
