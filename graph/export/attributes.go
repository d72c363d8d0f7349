package export

import (
	"fmt"
	"sort"
	"strings"

	"kgraph/graph/store"
)

// The visualization formats (Cytoscape.js JSON, GraphML) carry the same
// flat attributes, so that a column means the same in every tool. Tools
// want scalar columns, so per-language texts become one column per
// language (label_en, label_ar, ...) and citations one readable string.

// attrType is the type of an attribute, named as GraphML names it.
type attrType string

const (
	typeString attrType = "string"
	typeInt    attrType = "int"
	typeBool   attrType = "boolean"
)

// column declares one attribute of the nodes or of the edges.
type column struct {
	name string
	typ  attrType
}

// attr is one attribute of one element; value is a string, an int or a bool.
type attr struct {
	column
	value any
}

// element is a node or an edge with its attributes, in column order.
// Attributes without a value (no end date, no Arabic description) are left
// out rather than written empty, so that tools see them as missing.
type element struct {
	id             string
	source, target string // edges only
	attrs          []attr
	// start and end are the element's dates, for the formats that place
	// elements in time (GEXF); nil when unknown.
	start, end *store.PartialDate
}

// table is a dataset laid out for the visualization formats.
type table struct {
	nodeColumns, edgeColumns []column
	nodes, edges             []element
}

// tabulate lays the dataset out as nodes and edges with flat attributes.
// Columns come in a fixed order and elements in id order, so that the
// encoders built on it are deterministic.
func tabulate(d *store.Dataset) *table {
	var (
		labelLangs    = languages(len(d.Entities), func(i int) store.Texts { return d.Entities[i].Labels })
		descLangs     = languages(len(d.Entities), func(i int) store.Texts { return d.Entities[i].Descriptions })
		typeLangs     = languages(len(d.Vocabulary.RelationTypes), func(i int) store.Texts { return d.Vocabulary.RelationTypes[i].Labels })
		relDescLangs  = languages(len(d.Relations), func(i int) store.Texts { return d.Relations[i].Descriptions })
		titles        = map[string]string{}
		t             = &table{}
		dateColumns   = []column{{"start", typeString}, {"end", typeString}, {"start_year", typeInt}, {"end_year", typeInt}}
		sourcesColumn = column{"sources", typeString}
	)
	for _, s := range d.Sources {
		titles[s.ID] = s.Title
	}

	t.nodeColumns = append(t.nodeColumns, column{"label", typeString}, column{"kind", typeString})
	t.nodeColumns = append(t.nodeColumns, perLanguage("label", labelLangs)...)
	t.nodeColumns = append(t.nodeColumns, perLanguage("description", descLangs)...)
	t.nodeColumns = append(t.nodeColumns, dateColumns...)
	t.nodeColumns = append(t.nodeColumns, sourcesColumn)
	for _, e := range sortedBy(d.Entities, func(e store.Entity) string { return e.ID }) {
		el := element{id: e.ID}
		el.add(t.nodeColumns[0], e.Labels.Pick(store.DefaultLang))
		el.add(t.nodeColumns[1], e.Kind)
		el.addTexts("label", labelLangs, e.Labels)
		el.addTexts("description", descLangs, e.Descriptions)
		el.addDates(e.Start, e.End)
		el.add(sourcesColumn, citations(e.Sources, titles))
		t.nodes = append(t.nodes, el)
	}

	t.edgeColumns = append(t.edgeColumns, column{"label", typeString}, column{"type", typeString})
	t.edgeColumns = append(t.edgeColumns, perLanguage("label", typeLangs)...)
	t.edgeColumns = append(t.edgeColumns, column{"symmetric", typeBool})
	t.edgeColumns = append(t.edgeColumns, dateColumns...)
	t.edgeColumns = append(t.edgeColumns, perLanguage("description", relDescLangs)...)
	t.edgeColumns = append(t.edgeColumns, sourcesColumn)
	for _, r := range sortedBy(d.Relations, func(r store.Relation) string { return r.ID }) {
		el := element{id: r.ID, source: r.FromID, target: r.ToID}
		var typeLabels store.Texts
		symmetric := false
		if rt := d.Vocabulary.Type(r.Type); rt != nil {
			typeLabels, symmetric = rt.Labels, rt.Symmetric
		}
		label := typeLabels.Pick(store.DefaultLang)
		if label == "" {
			label = r.Type
		}
		el.add(t.edgeColumns[0], label)
		el.add(t.edgeColumns[1], r.Type)
		el.addTexts("label", typeLangs, typeLabels)
		el.add(column{"symmetric", typeBool}, symmetric)
		el.addDates(r.Start, r.End)
		el.addTexts("description", relDescLangs, r.Descriptions)
		el.add(sourcesColumn, citations(r.Sources, titles))
		t.edges = append(t.edges, el)
	}
	return t
}

// add appends the attribute, unless it is an empty string.
func (el *element) add(c column, value any) {
	if s, ok := value.(string); ok && s == "" {
		return
	}
	el.attrs = append(el.attrs, attr{c, value})
}

// addTexts adds one column per language: prefix_en, prefix_ar, ...
func (el *element) addTexts(prefix string, langs []string, texts store.Texts) {
	for _, lang := range langs {
		for _, l := range texts {
			if l.Lang == lang {
				el.add(column{prefix + "_" + lang, typeString}, l.Text)
			}
		}
	}
}

// addDates adds start and end as written ("1955-06") and their years as
// numbers, which tools can filter and sort on.
func (el *element) addDates(start, end *store.PartialDate) {
	el.start, el.end = start, end
	if start != nil {
		el.add(column{"start", typeString}, start.String())
	}
	if end != nil {
		el.add(column{"end", typeString}, end.String())
	}
	if start != nil {
		el.add(column{"start_year", typeInt}, start.Year)
	}
	if end != nil {
		el.add(column{"end_year", typeInt}, end.Year)
	}
}

// perLanguage returns the columns prefix_en, prefix_ar, ... for langs.
func perLanguage(prefix string, langs []string) []column {
	cols := make([]column, len(langs))
	for i, lang := range langs {
		cols[i] = column{prefix + "_" + lang, typeString}
	}
	return cols
}

// languages returns the languages the n text sets use: English first, as
// every label set has it, then the others in tag order.
func languages(n int, texts func(i int) store.Texts) []string {
	seen := map[string]bool{}
	for i := range n {
		for _, l := range texts(i) {
			seen[l.Lang] = true
		}
	}
	langs := make([]string, 0, len(seen))
	for lang := range seen {
		langs = append(langs, lang)
	}
	sort.Slice(langs, func(i, j int) bool { return langBefore(langs[i], langs[j]) })
	return langs
}

// langBefore orders language tags: English first, then in tag order.
func langBefore(a, b string) bool {
	if (a == store.DefaultLang) != (b == store.DefaultLang) {
		return a == store.DefaultLang
	}
	return a < b
}

// citations renders citations as "Title, paragraph 3, sentence 2; Other title".
func citations(cites []store.Citation, titles map[string]string) string {
	parts := make([]string, 0, len(cites))
	for _, c := range cites {
		s := titles[c.Source]
		if s == "" {
			s = c.Source
		}
		if c.Paragraph > 0 {
			s += fmt.Sprintf(", paragraph %d", c.Paragraph)
		}
		if c.Sentence > 0 {
			s += fmt.Sprintf(", sentence %d", c.Sentence)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// sortedBy returns a copy of items sorted by key; datasets from the store
// are already in id order, but an encoder must not depend on its caller.
func sortedBy[T any](items []T, key func(T) string) []T {
	out := append([]T(nil), items...)
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}
