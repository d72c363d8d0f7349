package memstore

import (
	"sort"
	"strings"
	"unicode/utf8"

	"kgraph/graph/store"
)

// search ranks the entities the name index offers for the normalized
// query words exactly as store.RankSearch ranks them (its answer is the
// definition, and TestNarrowedSearchRanksAsAFullScan holds this one to it),
// but without allocating per candidate: the packed keys are scored where
// they lie, and only the q.First best hits are kept. The caller holds the
// read lock.
func (s *Store) search(qwords []string, q store.SearchQuery) []*store.Entity {
	m := newNameMatcher(qwords, q.Lang)
	best := newTopHits(q.First)
	for _, e := range s.names.candidates(qwords, s.entities) {
		if score := m.scoreKeys(s.keys[e.ID]); score > 0 {
			best.offer(e, score)
		}
	}
	return best.entities()
}

// nameMatcher is store.MatchScore for one query, over names as the index
// packs them. The names and the query are normalized (store.NormalizeText),
// so their words are separated by single spaces.
type nameMatcher struct {
	query      string
	qwords     []string
	queryRunes int
	lang       string
}

func newNameMatcher(qwords []string, lang string) *nameMatcher {
	query := strings.Join(qwords, " ")
	return &nameMatcher{query: query, qwords: qwords, queryRunes: utf8.RuneCountInString(query), lang: lang}
}

// scoreKeys is the best score of an entity's names; 0 if none matches.
func (m *nameMatcher) scoreKeys(p packedKeys) int {
	best := 0
	for rest := string(p); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lang, flagged, _ := strings.Cut(line, "\t")
		best = max(best, m.scoreName(flagged[1:], lang, flagged[0] == '1'))
	}
	return best
}

// scoreName scores one name as store.MatchScore scores each key.
func (m *nameMatcher) scoreName(text, lang string, primary bool) int {
	s := m.textScore(text)
	if s == 0 {
		return 0
	}
	if m.lang != "" && lang == m.lang {
		s += 50
	}
	if primary {
		s += 20
	}
	return s - min(19, utf8.RuneCountInString(text)-m.queryRunes)
}

// textScore is the score of a name's text alone: the whole name, its
// start, every query word starting a word of the name in order or in any
// order (each query word taking the first unused word it starts), or 0.
func (m *nameMatcher) textScore(text string) int {
	switch {
	case text == m.query:
		return 1000
	case strings.HasPrefix(text, m.query):
		return 800
	}
	// Cheap rejection first: most names share no word start with the query.
	if !wordStartsWith(text, m.qwords[0]) {
		return 0
	}
	var small [32]bool
	used := small[:]
	if n := strings.Count(text, " ") + 1; n > len(small) {
		used = make([]bool, n)
	}
	inOrder, last := true, -1
	for _, q := range m.qwords {
		found := -1
		i := 0
		for rest := text; rest != ""; i++ {
			var w string
			w, rest, _ = strings.Cut(rest, " ")
			if !used[i] && strings.HasPrefix(w, q) {
				found = i
				break
			}
		}
		if found < 0 {
			return 0
		}
		used[found] = true
		if found < last {
			inOrder = false
		}
		last = found
	}
	if inOrder {
		return 600
	}
	return 400
}

// wordStartsWith reports whether a word of the normalized text starts with prefix.
func wordStartsWith(text, prefix string) bool {
	for rest := text; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
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
