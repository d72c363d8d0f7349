package store

import (
	"fmt"
	"sort"
	"strings"
)

// Dataset is a whole knowledge graph, or a part of one to add: the unit the
// seed, the import command and Store.Apply work with.
type Dataset struct {
	// Vocabulary declares the entity kinds and relation types used.
	Vocabulary Vocabulary `json:"vocabulary"`
	// Sources lists the documents the citations refer to.
	Sources []SourceDocument `json:"sources"`
	// Entities lists the nodes.
	Entities []Entity `json:"entities"`
	// Relations lists the edges.
	Relations []Relation `json:"relations"`
}

// Problem is one thing wrong with a dataset, located precisely enough for a
// person to find and fix it.
type Problem struct {
	// Section is one of Sections.
	Section string
	// Index is the element's 0-based position in its section, or -1.
	Index int
	// ID is the element's id, when it has one.
	ID string
	// Field is the JSON field at fault, or "" for the element as a whole.
	Field string
	// Message says what is wrong.
	Message string
}

// String renders the problem as "entities[3] (id "ussr") field kind: ...".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Section)
	if p.Index >= 0 {
		fmt.Fprintf(&b, "[%d]", p.Index)
	}
	if p.ID != "" {
		fmt.Fprintf(&b, " (id %q)", p.ID)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, " field %q", p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// Validate checks the dataset on its own: ids well formed and unique, every
// kind, type, entity and source referred to declared, labels present, dates
// in order. It returns every problem found, in document order.
func (d *Dataset) Validate() []Problem {
	return d.ValidateWith(Known{})
}

// Known is what a graph already holds, against which an addition's
// references are checked. Its zero value knows nothing.
type Known struct {
	// Vocabulary declares the kinds and types already there.
	Vocabulary Vocabulary
	// Entity reports whether an entity id is already there.
	Entity func(id string) bool
	// Source reports whether a source document id is already there.
	Source func(id string) bool
	// Holder names a node section (SectionSources, SectionEntities or
	// SectionRelations) other than section that already holds id, or ""
	// when none does. Nil knows no ids.
	Holder func(id, section string) string
}

// ValidateWith is Validate for a part of a graph: references are resolved
// against d's own elements or, failing that, against known ones. Since
// Apply only adds and replaces, this is the whole check of adding d to a
// graph holding known.
func (d *Dataset) ValidateWith(known Known) []Problem {
	v := &validator{d: d, known: known, vocab: known.Vocabulary}
	if len(d.Vocabulary.EntityKinds)+len(d.Vocabulary.RelationTypes) > 0 {
		v.vocab = known.Vocabulary.Merge(d.Vocabulary) // a copy, only when there is something to add
	}
	v.entityIDs = make(map[string]bool, len(d.Entities))
	for _, e := range d.Entities {
		v.entityIDs[e.ID] = true
	}
	v.sourceIDs = make(map[string]bool, len(d.Sources))
	for _, src := range d.Sources {
		v.sourceIDs[src.ID] = true
	}
	v.relationIDs = make(map[string]bool, len(d.Relations))
	for _, r := range d.Relations {
		v.relationIDs[r.ID] = true
	}
	v.vocabulary()
	v.sources()
	v.entities()
	v.relations()
	return v.problems
}

// Check is Validate as an error: nil, or an EINVALID *Error listing every problem.
func (d *Dataset) Check() error {
	return ProblemsError(d.Validate())
}

// ProblemsError turns problems into one EINVALID error, or nil when there are none.
func ProblemsError(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return Errorf(EINVALID, "invalid dataset (%d problems): %s", len(problems), JoinProblems(problems, "; "))
}

// JoinProblems renders problems one after another, separated by sep.
func JoinProblems[P fmt.Stringer](problems []P, sep string) string {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, sep)
}

// Merge returns the dataset that results from applying other on top of d:
// elements with the same id are replaced, new ones added, all in id order.
func (d *Dataset) Merge(other *Dataset) *Dataset {
	out := &Dataset{Vocabulary: d.Vocabulary.Merge(other.Vocabulary)}
	out.Sources = mergeByID(d.Sources, other.Sources, func(s SourceDocument) string { return s.ID })
	out.Entities = mergeByID(d.Entities, other.Entities, func(e Entity) string { return e.ID })
	out.Relations = mergeByID(d.Relations, other.Relations, func(r Relation) string { return r.ID })
	return out
}

func mergeByID[T any](base, add []T, id func(T) string) []T {
	byID := make(map[string]T, len(base)+len(add))
	for _, x := range base {
		byID[id(x)] = x
	}
	for _, x := range add {
		byID[id(x)] = x
	}
	out := make([]T, 0, len(byID))
	for _, x := range byID {
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	return out
}

type validator struct {
	d         *Dataset
	known     Known
	vocab     Vocabulary // known and d's own, merged
	entityIDs map[string]bool
	sourceIDs map[string]bool
	// relationIDs are d's relation ids, for the rule that node ids are
	// unique across sections.
	relationIDs map[string]bool
	problems    []Problem
}

func (v *validator) hasEntity(id string) bool {
	return v.entityIDs[id] || (v.known.Entity != nil && v.known.Entity(id))
}

func (v *validator) hasSource(id string) bool {
	return v.sourceIDs[id] || (v.known.Source != nil && v.known.Source(id))
}

func (v *validator) add(section string, index int, id, field, format string, args ...any) {
	v.problems = append(v.problems, Problem{Section: section, Index: index, ID: id, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) vocabulary() {
	seen := map[string]bool{}
	for i, k := range v.d.Vocabulary.EntityKinds {
		v.id(SectionEntityKinds, i, k.ID, KindIDForm, seen)
		v.labels(SectionEntityKinds, i, k.ID, "labels", k.Labels, true, false)
		v.labels(SectionEntityKinds, i, k.ID, "descriptions", k.Descriptions, false, false)
	}
	seen = map[string]bool{}
	for i, t := range v.d.Vocabulary.RelationTypes {
		v.id(SectionRelationTypes, i, t.ID, TypeIDForm, seen)
		v.labels(SectionRelationTypes, i, t.ID, "labels", t.Labels, true, false)
		v.labels(SectionRelationTypes, i, t.ID, "inverseLabels", t.InverseLabels, true, false)
		v.labels(SectionRelationTypes, i, t.ID, "descriptions", t.Descriptions, false, false)
	}
}

func (v *validator) sources() {
	seen := map[string]bool{}
	for i, s := range v.d.Sources {
		v.id(SectionSources, i, s.ID, SlugForm, seen)
		if strings.TrimSpace(s.Title) == "" {
			v.add(SectionSources, i, s.ID, "title", "a title is required")
		}
		if !LangTagForm.Match(s.Language) {
			v.add(SectionSources, i, s.ID, "language", "%q is not %s", s.Language, LangTagForm.Description)
		}
		v.labels(SectionSources, i, s.ID, "descriptions", s.Descriptions, false, false)
	}
}

func (v *validator) entities() {
	seen := map[string]bool{}
	for i, e := range v.d.Entities {
		v.id(SectionEntities, i, e.ID, SlugForm, seen)
		if v.vocab.Kind(e.Kind) == nil {
			v.add(SectionEntities, i, e.ID, "kind", "%s", ErrorMessage(v.vocab.CheckKind(e.Kind)))
		}
		v.labels(SectionEntities, i, e.ID, "labels", e.Labels, true, false)
		v.labels(SectionEntities, i, e.ID, "aliases", e.Aliases, false, true)
		v.labels(SectionEntities, i, e.ID, "descriptions", e.Descriptions, false, false)
		v.period(SectionEntities, i, e.ID, e.Start, e.End)
		v.citations(SectionEntities, i, e.ID, e.Sources, false)
	}
}

func (v *validator) relations() {
	seen := map[string]bool{}
	for i, r := range v.d.Relations {
		v.id(SectionRelations, i, r.ID, SlugForm, seen)
		if v.vocab.Type(r.Type) == nil {
			v.add(SectionRelations, i, r.ID, "type", "%s", ErrorMessage(v.vocab.CheckTypes([]string{r.Type})))
		}
		if !v.hasEntity(r.FromID) {
			v.add(SectionRelations, i, r.ID, "from", "no entity has the id %q", r.FromID)
		}
		if !v.hasEntity(r.ToID) {
			v.add(SectionRelations, i, r.ID, "to", "no entity has the id %q", r.ToID)
		}
		v.labels(SectionRelations, i, r.ID, "descriptions", r.Descriptions, false, false)
		v.period(SectionRelations, i, r.ID, r.Start, r.End)
		v.citations(SectionRelations, i, r.ID, r.Sources, true)
	}
}

func (v *validator) id(section string, i int, id string, form *Form, seen map[string]bool) {
	switch {
	case id == "":
		v.add(section, i, id, "id", "an id is required")
	case !form.Match(id):
		v.add(section, i, id, "id", "%q is not a valid id: want %s", id, form.Description)
	case seen[id]:
		v.add(section, i, id, "id", "the id %q is used twice", id)
	default:
		v.checkNodeID(section, i, id)
	}
	seen[id] = true
}

func (v *validator) labels(section string, i int, id, field string, labels []Label, required, many bool) {
	if required && !hasLang(labels, DefaultLang) {
		v.add(section, i, id, field, "an English (\"en\") text is required")
	}
	limit := MaxLabelLength
	if field == "descriptions" {
		limit = MaxDescriptionLength
	}
	langs := map[string]bool{}
	for _, l := range labels {
		switch {
		case !LangTagForm.Match(l.Lang):
			v.add(section, i, id, field, "%q is not %s", l.Lang, LangTagForm.Description)
		case strings.TrimSpace(l.Text) == "":
			v.add(section, i, id, field, "the %q text is empty", l.Lang)
		case len([]rune(l.Text)) > limit:
			v.add(section, i, id, field, "the %q text is longer than %d characters", l.Lang, limit)
		case langs[l.Lang] && !many:
			v.add(section, i, id, field, "two texts in %q; give one per language", l.Lang)
		}
		langs[l.Lang] = true
	}
}

func (v *validator) period(section string, i int, id string, start, end *PartialDate) {
	if start != nil && end != nil && start.First() > end.Last() {
		v.add(section, i, id, "end", "ends (%s) before it starts (%s)", end, start)
	}
}

func (v *validator) citations(section string, i int, id string, cites []Citation, required bool) {
	if required && len(cites) == 0 {
		v.add(section, i, id, "sources", "at least one citation is required")
	}
	for _, c := range cites {
		switch {
		case !v.hasSource(c.Source):
			v.add(section, i, id, "sources", "no source document has the id %q", c.Source)
		case c.Paragraph < 0 || c.Sentence < 0 || (c.Sentence > 0 && c.Paragraph == 0):
			v.add(section, i, id, "sources", "paragraph and sentence are numbered from 1 (0 cites the whole document; a sentence needs its paragraph)")
		}
	}
}

// CheckApply checks an addition to a graph that already holds known: every
// element of incoming is checked, its references resolved against incoming
// and known together. Since Apply only adds and replaces, what is already
// stored stays valid, so this is the whole check of the graph that would
// result, at the cost of the addition alone. It returns nil or an EINVALID
// error listing every problem. Every store's Apply calls it, so they accept
// the same input.
func CheckApply(incoming *Dataset, known Known) error {
	return ProblemsError(incoming.ValidateWith(known))
}
