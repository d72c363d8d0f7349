package export

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"kgraph/graph/store"
)

// EncodeCypher writes the dataset as a Cypher script for Neo4j 5, one
// statement per line, each ending in ";" (cypher-shell -f runs it):
//
//   - uniqueness constraints on the id of each node label (IF NOT EXISTS);
//   - (:EntityKind), (:RelationType), (:Source) and (:Entity) nodes, each
//     MERGEd on its id and then given exactly its properties with SET n = {...};
//   - each relation as a relationship whose type is the vocabulary's
//     relation type (SIGNED, BROKE_RELATIONS, ...), MERGEd on its id
//     between its two entities.
//
// Every statement is idempotent: running the script twice leaves the
// database as running it once. Texts become one property per language
// (label_en, label_ar, aliases_en as a list); dates are kept as written
// (start: "1955-06") and as the integers YYYYMMDD of their first and last
// day (start_first, end_last), with which "in force at" is two integer
// comparisons. Citations are strings "source[:paragraph[:sentence]]". The
// entity kind is a property, not a label, so that re-running the script
// after a kind changed leaves no stale label behind.
func EncodeCypher(w io.Writer, d *store.Dataset) error {
	bw := bufio.NewWriter(w)
	c := &cypherWriter{w: bw}
	c.line("// Knowledge graph export: Cypher for Neo4j 5. Idempotent: every node and")
	c.line("// relationship is MERGEd on its id, so running it again changes nothing.")
	c.line("// Run it with: cypher-shell -f graph.cypher")
	for _, label := range []string{"EntityKind", "RelationType", "Source", "Entity"} {
		c.line("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE;",
			cypherName("kgraph_"+strings.ToLower(label)+"_id"), cypherName(label))
	}
	for _, k := range sortedBy(d.Vocabulary.EntityKinds, func(k store.EntityKind) string { return k.ID }) {
		p := props{}.add("id", k.ID).texts("label", k.Labels).texts("description", k.Descriptions)
		c.merge("EntityKind", k.ID, p)
	}
	for _, t := range sortedBy(d.Vocabulary.RelationTypes, func(t store.RelationType) string { return t.ID }) {
		p := props{}.add("id", t.ID).texts("label", t.Labels).texts("inverse_label", t.InverseLabels).
			texts("description", t.Descriptions).add("symmetric", t.Symmetric)
		c.merge("RelationType", t.ID, p)
	}
	for _, s := range sortedBy(d.Sources, func(s store.SourceDocument) string { return s.ID }) {
		p := props{}.add("id", s.ID).add("title", s.Title).add("kind", s.Kind).add("language", s.Language).
			texts("description", s.Descriptions)
		c.merge("Source", s.ID, p)
	}
	for _, e := range sortedBy(d.Entities, func(e store.Entity) string { return e.ID }) {
		p := props{}.add("id", e.ID).add("kind", e.Kind).texts("label", e.Labels).aliases(e.Aliases).
			texts("description", e.Descriptions).dates(e.Start, e.End).citations(e.Sources)
		c.merge("Entity", e.ID, p)
	}
	for _, r := range sortedBy(d.Relations, func(r store.Relation) string { return r.ID }) {
		p := props{}.add("id", r.ID).dates(r.Start, r.End).texts("description", r.Descriptions).citations(r.Sources)
		c.line("MATCH (a:Entity {id: %s}), (b:Entity {id: %s}) MERGE (a)-[r:%s {id: %s}]->(b) SET r = %s;",
			cypherString(r.FromID), cypherString(r.ToID), cypherName(r.Type), cypherString(r.ID), p)
	}
	if c.err != nil {
		return c.err
	}
	return bw.Flush()
}

// cypherWriter writes lines and keeps the first error.
type cypherWriter struct {
	w   *bufio.Writer
	err error
}

func (c *cypherWriter) line(format string, args ...any) {
	if c.err == nil {
		_, c.err = fmt.Fprintf(c.w, format+"\n", args...)
	}
}

// merge writes the statement that creates or updates one node.
func (c *cypherWriter) merge(label, id string, p props) {
	c.line("MERGE (n:%s {id: %s}) SET n = %s;", cypherName(label), cypherString(id), p)
}

// props is a Cypher map literal under construction, in insertion order.
type props []prop

type prop struct {
	key   string
	value string // a Cypher literal
}

// add adds a string, int or bool property; an empty string is left out,
// as Neo4j has no use for empty properties.
func (p props) add(key string, v any) props {
	switch v := v.(type) {
	case string:
		if v == "" {
			return p
		}
		return append(p, prop{key, cypherString(v)})
	case int:
		return append(p, prop{key, strconv.Itoa(v)})
	case bool:
		return append(p, prop{key, strconv.FormatBool(v)})
	}
	panic(fmt.Sprintf("export: property value of unexpected type %T", v))
}

// texts adds one property per language, English first: prefix_en, prefix_ar, ...
func (p props) texts(prefix string, t store.Texts) props {
	sorted := append(store.Texts(nil), t...)
	sort.SliceStable(sorted, func(i, j int) bool { return langBefore(sorted[i].Lang, sorted[j].Lang) })
	for _, l := range sorted {
		p = p.add(prefix+"_"+l.Lang, l.Text)
	}
	return p
}

// aliases adds one list property per language: aliases_en: [...], ...
func (p props) aliases(a store.Aliases) props {
	byLang := map[string][]string{}
	var langs []string
	for _, l := range a {
		if byLang[l.Lang] == nil {
			langs = append(langs, l.Lang)
		}
		byLang[l.Lang] = append(byLang[l.Lang], cypherString(l.Text))
	}
	sort.Slice(langs, func(i, j int) bool { return langBefore(langs[i], langs[j]) })
	for _, lang := range langs {
		p = append(p, prop{"aliases_" + lang, "[" + strings.Join(byLang[lang], ", ") + "]"})
	}
	return p
}

// dates adds start and end as written and as comparable integers.
func (p props) dates(start, end *store.PartialDate) props {
	if start != nil {
		p = p.add("start", start.String()).add("start_first", start.First())
	}
	if end != nil {
		p = p.add("end", end.String()).add("end_last", end.Last())
	}
	return p
}

// citations adds the list property sources: ["source:paragraph:sentence", ...].
func (p props) citations(cites []store.Citation) props {
	if len(cites) == 0 {
		return p
	}
	items := make([]string, len(cites))
	for i, c := range cites {
		s := c.Source
		if c.Paragraph > 0 {
			s += ":" + strconv.Itoa(c.Paragraph)
			if c.Sentence > 0 {
				s += ":" + strconv.Itoa(c.Sentence)
			}
		}
		items[i] = cypherString(s)
	}
	return append(p, prop{"sources", "[" + strings.Join(items, ", ") + "]"})
}

// String renders the map literal: {id: 'x', label_en: 'X'}.
func (p props) String() string {
	parts := make([]string, len(p))
	for i, kv := range p {
		parts[i] = cypherName(kv.key) + ": " + kv.value
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// cypherString quotes s as a Cypher string literal. Backslashes and quotes
// are escaped, and so is every control character and line separator, so
// that a literal never spans lines and no text can end a statement early.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// cypherName writes a label, relationship type or property key, quoting it
// in backticks (doubled inside) unless it is a plain identifier. Relation
// types from the vocabulary are UPPER_SNAKE_CASE and stay as they are.
func cypherName(s string) string {
	if plainName.MatchString(s) {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}
