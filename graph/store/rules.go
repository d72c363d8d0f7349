package store

import "regexp"

// The rules of a dataset's strings, written once: Dataset.Validate checks
// them, graph/dataset generates the dataset JSON Schema from them, and the
// Neo4j store relies on TypeIDForm to write relation types into Cypher.
// A change here changes all three, so they cannot disagree.

// Form is a form a string of a dataset must take, such as an entity id.
type Form struct {
	// Name names the form among the JSON Schema's definitions.
	Name string
	// Pattern is a regular expression in the syntax that Go and JSON
	// Schema (ECMA-262) read the same way: anchors, classes, groups,
	// counted repeats.
	Pattern string
	// Description finishes a sentence "want ...", in messages and in the
	// JSON Schema: `a lower-case slug such as "soviet-union"`.
	Description string

	re *regexp.Regexp
}

func newForm(name, pattern, description string) *Form {
	return &Form{Name: name, Pattern: pattern, Description: description, re: regexp.MustCompile(pattern)}
}

// Match reports whether s has the form.
func (f *Form) Match(s string) bool { return f.re.MatchString(s) }

// The forms.
var (
	// SlugForm is the form of the ids of entities, relations and sources.
	SlugForm = newForm("slug", `^[a-z0-9]+(-[a-z0-9]+)*$`, `a lower-case slug such as "soviet-union"`)
	// KindIDForm is the form of an entity kind's id.
	KindIDForm = newForm("kindId", `^[a-z][a-z0-9_]*$`, `an entity kind id in lower_snake_case such as "state"`)
	// TypeIDForm is the form of a relation type's id, which is also its
	// relationship type in Neo4j.
	TypeIDForm = newForm("typeId", `^[A-Z][A-Z0-9_]*$`, `a relation type id in UPPER_SNAKE_CASE such as "SIGNED"`)
	// LangTagForm is the form of a language tag: the keys of labels,
	// aliases and descriptions, and a source's language.
	LangTagForm = newForm("langTag", `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`, `a language tag such as "en" or "ar"`)
	// DateForm is the form of a PartialDate, months and days in range
	// (ParsePartialDate also rejects days a month does not have).
	DateForm = newForm("date", `^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`, "a date: "+DateForms)
)

// DateForms names the three precisions of a date, for messages and help.
const DateForms = "YYYY, YYYY-MM or YYYY-MM-DD"

// Lengths of texts, in characters.
const (
	// MaxLabelLength is the longest label, inverse label or alias.
	MaxLabelLength = 500
	// MaxDescriptionLength is the longest description.
	MaxDescriptionLength = 4000
)
