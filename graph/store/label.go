package store

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"unique"
)

// Label is a text in one language.
type Label struct {
	// Lang is a BCP 47 language tag such as "en" or "ar".
	Lang string `json:"lang"`
	// Text is the text itself.
	Text string `json:"text"`
}

// DefaultLang is the language every label set must have and that a request
// for a missing language falls back to.
const DefaultLang = "en"

// Texts holds at most one text per language (a name, a description). In
// JSON it is an object from language to text, {"en": "...", "ar": "..."},
// which keeps dataset files short and their diffs readable.
type Texts []Label

// Aliases holds any number of texts per language. In JSON it is an object
// from language to a list of texts.
type Aliases []Label

// Pick returns the text in lang, falling back to English and then to the
// first text; "" when there are none.
func (t Texts) Pick(lang string) string {
	for _, want := range []string{lang, DefaultLang} {
		for _, l := range t {
			if l.Lang == want {
				return l.Text
			}
		}
	}
	if len(t) > 0 {
		return t[0].Text
	}
	return ""
}

// MarshalJSON writes the texts as an object keyed by language, in language order.
func (t Texts) MarshalJSON() ([]byte, error) {
	m := make(map[string]string, len(t))
	for _, l := range t {
		m[l.Lang] = l.Text
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads an object keyed by language.
func (t *Texts) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return Errorf(EINVALID, "expected an object from language to text, such as {\"en\": \"...\", \"ar\": \"...\"}")
	}
	*t = make(Texts, 0, len(m)) // exactly: a graph holds many
	for _, lang := range slices.Sorted(maps.Keys(m)) {
		*t = append(*t, Label{Lang: internLang(lang), Text: m[lang]})
	}
	return nil
}

// MarshalJSON writes the aliases as an object from language to a list.
func (a Aliases) MarshalJSON() ([]byte, error) {
	m := map[string][]string{}
	for _, l := range a {
		m[l.Lang] = append(m[l.Lang], l.Text)
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads an object from language to a list of texts.
func (a *Aliases) UnmarshalJSON(b []byte) error {
	var m map[string][]string
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil {
		return Errorf(EINVALID, "expected an object from language to a list of texts, such as {\"en\": [\"USSR\"]}")
	}
	*a = Aliases{}
	for _, lang := range slices.Sorted(maps.Keys(m)) {
		for _, text := range m[lang] {
			*a = append(*a, Label{Lang: internLang(lang), Text: text})
		}
	}
	return nil
}

// internLang returns the one copy of a language tag that every label
// decoded in that language shares: a graph has a handful of languages and
// millions of labels, each of which would otherwise hold a string (and
// the memory block around it) of its own.
func internLang(lang string) string { return unique.Make(lang).Value() }

// hasLang reports whether labels has a text in lang.
func hasLang(labels []Label, lang string) bool {
	for _, l := range labels {
		if l.Lang == lang && l.Text != "" {
			return true
		}
	}
	return false
}
