package store

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText folds text to the form search compares, so that spellings a
// reader would call the same match each other:
//   - case and Latin accents are ignored ("Türkiye" = "turkiye"), and đ
//     is written dj;
//   - Cyrillic is written in Latin letters as Serbian writes it (see
//     cyrillicLatin), so "Југославија" = "Jugoslavija" = "Југославия";
//   - Arabic diacritics (harakat, shadda, sukun, superscript alef) and the
//     tatweel are dropped;
//   - the hamza and madda forms of alef (أ إ آ ٱ) become ا, ؤ becomes و,
//     ئ and ى become ي, ة becomes ه, and a lone ء is dropped;
//   - a letter (not a digit) written twice in a row counts once, which covers the two
//     spellings of "Soviet" (السوفيتي / السوفييتي) and doubled Latin letters;
//   - the Arabic definite article (ال, and وال بال كال فال لل) is taken off
//     the front of a word;
//   - punctuation separates words, and Arabic-Indic digits become 0-9.
//
// Every store indexes and queries with this one function.
func NormalizeText(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = foldRune(r)
		if r == 0 {
			continue
		}
		for _, r := range toLatin(r) {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				r = ' '
			}
			if r == prev && unicode.IsLetter(r) {
				continue
			}
			b.WriteRune(r)
			prev = r
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = stripArticle(w)
	}
	return strings.Join(words, " ")
}

func foldRune(r rune) rune {
	switch {
	case r == 'ـ' || r == 'ء': // tatweel, lone hamza
		return 0
	case r == 'ٱ':
		return 'ا'
	case r == 'ى' || r == 'ی':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ک':
		return 'ك'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	}
	return unicode.ToLower(r)
}

// stripArticle takes the Arabic definite article off a word long enough to
// keep a stem of at least two letters.
func stripArticle(w string) string {
	rs := []rune(w)
	for _, prefix := range []string{"وال", "بال", "كال", "فال", "ال", "لل"} {
		p := []rune(prefix)
		if len(rs)-len(p) >= 2 && string(rs[:len(p)]) == prefix {
			return string(rs[len(p):])
		}
	}
	return w
}

// SearchKey is one normalized name of an entity.
type SearchKey struct {
	// Text is the name after NormalizeText.
	Text string
	// Lang is the language of the name.
	Lang string
	// Primary is true for a label, false for an alias.
	Primary bool
}

// SearchKeys returns the normalized labels and aliases of an entity.
func SearchKeys(e *Entity) []SearchKey {
	keys := make([]SearchKey, 0, len(e.Labels)+len(e.Aliases))
	for _, l := range e.Labels {
		keys = append(keys, newSearchKey(l, true))
	}
	for _, l := range e.Aliases {
		keys = append(keys, newSearchKey(l, false))
	}
	return keys
}

func newSearchKey(l Label, primary bool) SearchKey {
	return SearchKey{Text: NormalizeText(l.Text), Lang: l.Lang, Primary: primary}
}

// SearchText is every normalized name of an entity in one string, one name
// per line: what a full-text index needs to find every candidate that
// MatchScore can accept (each query word is a prefix of an indexed word).
func SearchText(e *Entity) string {
	var texts []string
	for _, k := range SearchKeys(e) {
		texts = append(texts, k.Text)
	}
	return strings.Join(texts, "\n")
}

// MatchScore scores how well an entity's names match a normalized query (as
// NormalizeText returns it); 0 means no match. A name matches when every
// query word is the start of one of its words. Better matches score higher:
// the whole name, then the start of the name, then words in order, then
// words anywhere; a name in the preferred language, a label over an alias,
// and a name close in length to the query break ties. Both stores rank with
// this function, so their answers agree.
func MatchScore(keys []SearchKey, query, lang string) int {
	return NewNameMatcher(query, lang).Score(keys)
}

// NameMatcher is MatchScore prepared for one query: scoring a name with it
// allocates nothing, so a store can score many names in the form it keeps
// them.
type NameMatcher struct {
	query      string
	qwords     []string
	queryRunes int
	lang       string
}

// NewNameMatcher prepares MatchScore for a normalized query (as
// NormalizeText returns it) and a preferred language ("" for none).
func NewNameMatcher(query, lang string) *NameMatcher {
	return &NameMatcher{query: query, qwords: strings.Fields(query), queryRunes: utf8.RuneCountInString(query), lang: lang}
}

// Score is the best score of the names; 0 if none matches.
func (m *NameMatcher) Score(keys []SearchKey) int {
	best := 0
	for _, k := range keys {
		best = max(best, m.ScoreName(k.Text, k.Lang, k.Primary))
	}
	return best
}

// ScoreName scores one name, normalized (its words separated by single
// spaces), in language lang, a label if primary; 0 if it does not match.
func (m *NameMatcher) ScoreName(text, lang string, primary bool) int {
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
func (m *NameMatcher) textScore(text string) int {
	switch {
	case len(m.qwords) == 0:
		return 0
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

// RankSearch scores candidates against the query and returns at most
// q.First of those that match, best first, ties in id order. keys gives an
// entity's search keys (SearchKeys, or a store's precomputed copy of them).
func RankSearch(candidates []*Entity, q SearchQuery, keys func(*Entity) []SearchKey) []*Entity {
	m := NewNameMatcher(NormalizeText(q.Text), q.Lang)
	type hit struct {
		e     *Entity
		score int
	}
	var hits []hit
	for _, e := range candidates {
		if s := m.Score(keys(e)); s > 0 {
			hits = append(hits, hit{e, s})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].e.ID < hits[j].e.ID
	})
	if len(hits) > q.First {
		hits = hits[:q.First]
	}
	out := make([]*Entity, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out
}
