package seed

import (
	"slices"
	"testing"
	"unicode"

	"kgraph/graph/store"
)

// regionalLanguages are the languages of the region the seed names its
// entities in, each with the script it is written in.
var regionalLanguages = []struct {
	lang   string
	script *unicode.RangeTable
}{
	{"ru", unicode.Cyrillic},
	{"sr-Cyrl", unicode.Cyrillic},
	{"sr-Latn", unicode.Latin},
	{"hr", unicode.Latin},
	{"sl", unicode.Latin},
	{"mk", unicode.Cyrillic},
	{"bs", unicode.Latin},
}

// namesSource is the editors' reference the regional names are cited to:
// the article does not give them.
const namesSource = "reference-names"

// TestNamesInTheLanguagesOfTheRegion checks that every entity has a label in each language of the region, in that language's
// script, cited to the editors' reference; and that its Serbian names in
// the two scripts are the same name, as search compares them.
func TestNamesInTheLanguagesOfTheRegion(t *testing.T) {
	d := load(t)
	hasSource := false
	for _, s := range d.Sources {
		hasSource = hasSource || s.ID == namesSource
	}
	if !hasSource {
		t.Fatalf("no source %q", namesSource)
	}
	for _, e := range d.Entities {
		for _, rl := range regionalLanguages {
			label := pick(e.Labels, rl.lang)
			if label == "" {
				t.Errorf("%s has no %s label", e.ID, rl.lang)
				continue
			}
			if !inScript(label, rl.script) {
				t.Errorf("%s's %s label %q has letters outside its script", e.ID, rl.lang, label)
			}
		}
		for _, a := range e.Aliases {
			for _, rl := range regionalLanguages {
				if a.Lang == rl.lang && !inScript(a.Text, rl.script) {
					t.Errorf("%s's %s alias %q has letters outside its script", e.ID, rl.lang, a.Text)
				}
			}
		}
		if c, l := store.NormalizeText(pick(e.Labels, "sr-Cyrl")), store.NormalizeText(pick(e.Labels, "sr-Latn")); c != l {
			t.Errorf("%s: Serbian Cyrillic and Latin labels differ: %q, %q", e.ID, c, l)
		}
		if c, l := normalizedAliases(e, "sr-Cyrl"), normalizedAliases(e, "sr-Latn"); !slices.Equal(c, l) {
			t.Errorf("%s: Serbian Cyrillic and Latin aliases differ: %q, %q", e.ID, c, l)
		}
		cited := false
		for _, c := range e.Sources {
			cited = cited || c.Source == namesSource
		}
		if !cited {
			t.Errorf("%s does not cite %s for its names", e.ID, namesSource)
		}
	}
}

// normalizedAliases returns e's aliases in lang as search compares them.
func normalizedAliases(e store.Entity, lang string) []string {
	var out []string
	for _, a := range e.Aliases {
		if a.Lang == lang {
			out = append(out, store.NormalizeText(a.Text))
		}
	}
	return out
}

// pick returns the text in lang exactly, without falling back.
func pick(texts store.Texts, lang string) string {
	for _, l := range texts {
		if l.Lang == lang {
			return l.Text
		}
	}
	return ""
}

// inScript reports whether every letter of s is of the script.
func inScript(s string, script *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(script, r) {
			return false
		}
	}
	return true
}
