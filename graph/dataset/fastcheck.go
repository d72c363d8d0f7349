package dataset

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"kgraph/graph/store"
)

// Most elements of a large file are entities and relations written by a
// program (an export, a generator) in the store's own encoding. For those,
// checkElement can skip the generic schema validator, which is most of the
// cost of checking a file: an element whose JSON is exactly the encoding
// of what it decodes to (whitespace aside) has no field the decoding
// dropped or changed (no null, no unknown key, no number or date written
// another way), so its decoded fields say everything the schema would
// check, and the rules below check them with the schema's own patterns and
// limits. The rules only ever accept less than the schema: anything they
// refuse goes through the schema, which finds the problems and words them.

// fastRules are the schema's patterns and limits for the fields of
// entities and relations, read from the schema document itself.
type fastRules struct {
	slug, kindID, typeID, langTag, date, label, description *regexp.Regexp
	labelMax, descriptionMax                                int
}

var rules = sync.OnceValue(func() *fastRules {
	defs := compiled().doc.(map[string]any)["$defs"].(map[string]any)
	pattern := func(def string) *regexp.Regexp {
		return regexp.MustCompile(defs[def].(map[string]any)["pattern"].(string))
	}
	maxLength := func(def string) int {
		var n int
		if _, err := fmt.Sscan(fmt.Sprint(defs[def].(map[string]any)["maxLength"]), &n); err != nil {
			panic(fmt.Sprintf("dataset.schema.json: %s has no maxLength: %v", def, err))
		}
		return n
	}
	return &fastRules{
		slug: pattern("slug"), kindID: pattern("kindId"), typeID: pattern("typeId"), langTag: pattern("langTag"),
		date: pattern("date"), label: pattern("label"), description: pattern("description"),
		labelMax: maxLength("label"), descriptionMax: maxLength("description"),
	}
})

// passesFast reports whether the element raw, decoded strictly as x, is
// valid by the schema without asking the schema validator. false means
// only that the schema must be asked.
func passesFast(raw []byte, x any) bool {
	r := rules()
	switch x := x.(type) {
	case store.Entity:
		return r.slug.MatchString(x.ID) && r.kindID.MatchString(x.Kind) &&
			r.texts(x.Labels, true) && r.aliases(x.Aliases) && r.texts(x.Descriptions, false) &&
			r.optionalDate(x.Start) && r.optionalDate(x.End) && r.citations(x.Sources) &&
			sameJSON(raw, store.MustJSON(x))
	case store.Relation:
		return r.slug.MatchString(x.ID) && r.typeID.MatchString(x.Type) &&
			r.slug.MatchString(x.FromID) && r.slug.MatchString(x.ToID) &&
			r.optionalDate(x.Start) && r.optionalDate(x.End) && r.texts(x.Descriptions, false) &&
			len(x.Sources) > 0 && r.citations(x.Sources) &&
			sameJSON(raw, store.MustJSON(x))
	}
	return false
}

// texts checks labels (with "en" required) or descriptions.
func (r *fastRules) texts(ts store.Texts, labels bool) bool {
	hasEnglish := false
	for _, t := range ts {
		hasEnglish = hasEnglish || t.Lang == "en"
		if !r.langTag.MatchString(t.Lang) {
			return false
		}
		if labels && !r.labelText(t.Text) || !labels && !r.text(t.Text, r.description, r.descriptionMax) {
			return false
		}
	}
	return hasEnglish || !labels
}

func (r *fastRules) aliases(as store.Aliases) bool {
	for _, a := range as {
		if !r.langTag.MatchString(a.Lang) || !r.labelText(a.Text) {
			return false
		}
	}
	return true
}

func (r *fastRules) labelText(s string) bool { return r.text(s, r.label, r.labelMax) }

// text checks a pattern and a length in characters, as JSON Schema counts them.
func (r *fastRules) text(s string, pattern *regexp.Regexp, max int) bool {
	return utf8.RuneCountInString(s) <= max && pattern.MatchString(s)
}

func (r *fastRules) optionalDate(d *store.PartialDate) bool {
	return d == nil || r.date.MatchString(d.String())
}

func (r *fastRules) citations(cs []store.Citation) bool {
	for _, c := range cs {
		if !r.slug.MatchString(c.Source) || c.Paragraph < 0 || c.Sentence < 0 {
			return false
		}
	}
	return true
}

// sameJSON reports whether raw is encoded, once the whitespace between its
// tokens is taken out.
func sameJSON(raw, encoded []byte) bool {
	j := 0
	inString, escaped := false, false
	for _, c := range raw {
		if !inString && strings.IndexByte(" \t\r\n", c) >= 0 {
			continue
		}
		if j == len(encoded) || encoded[j] != c {
			return false
		}
		j++
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		}
	}
	return j == len(encoded)
}
