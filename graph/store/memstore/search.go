package memstore

import (
	"sort"
	"strings"

	"kgraph/graph/store"
)

// search ranks the entities the name index offers for the normalized
// query words exactly as store.RankSearch ranks every entity
// (TestNarrowedSearchRanksAsAFullScan holds it to that), but without
// allocating per candidate: the packed names are scored where they lie,
// and only the q.First best hits are kept. The caller holds the read lock.
func (s *Store) search(qwords []string, q store.SearchQuery) []*store.Entity {
	m := store.NewNameMatcher(strings.Join(qwords, " "), q.Lang)
	best := newTopHits(q.First)
	for _, e := range s.names.candidates(qwords, s.entities) {
		if score := s.keys[e.ID].score(m); score > 0 {
			best.offer(e, score)
		}
	}
	return best.entities()
}

// topHits keeps the best hits offered to it, at most first, in the order
// store.RankSearch returns them: higher score first, ties in id order.
type topHits struct {
	first int
	hits  []scoredEntity
}

type scoredEntity struct {
	e     *store.Entity
	score int
}

func (a scoredEntity) before(b scoredEntity) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.e.ID < b.e.ID
}

func newTopHits(first int) *topHits {
	return &topHits{first: max(first, 0), hits: make([]scoredEntity, 0, min(max(first, 0), 16))}
}

func (t *topHits) offer(e *store.Entity, score int) {
	h := scoredEntity{e, score}
	n := len(t.hits)
	if n == t.first && (n == 0 || !h.before(t.hits[n-1])) {
		return
	}
	i := sort.Search(n, func(i int) bool { return h.before(t.hits[i]) })
	if n < t.first {
		t.hits = append(t.hits, scoredEntity{})
	}
	copy(t.hits[i+1:], t.hits[i:])
	t.hits[i] = h
}

func (t *topHits) entities() []*store.Entity {
	out := make([]*store.Entity, len(t.hits))
	for i, h := range t.hits {
		out[i] = h.e
	}
	return out
}
