package neo4jstore

import (
	"maps"
	"slices"
	"strings"

	"kgraph/graph/store"
)

// The graph model in Neo4j. Every value a Cypher user would query is a
// property of its own, and this file is the one place that says which:
// Apply writes these maps with SET n = ..., the reads decode them back, and
// the Cypher export (package export) writes the same maps into its script.
//
//	(:Entity {id, kind, name, name_<lang>, aliases_<lang>, description_<lang>,
//	          start, startFirst, startLast, startPrecision,
//	          end, endFirst, endLast, endPrecision, sources, searchText, searchKeys})
//	(:Entity)-[:<RELATION TYPE> {id, start..., end..., description_<lang>, sources}]->(:Entity)
//	(:SourceDocument {id, title, kind, language, description_<lang>})
//	(:EntityKind {id, name, name_<lang>, description_<lang>})
//	(:RelationType {id, name, name_<lang>, inverseName_<lang>, description_<lang>, symmetric})
//
// searchText and searchKeys serve Search (search.go). name is the English label, kept beside name_en so that tools that show
// one property per node have one to show. A language tag's "-" becomes "_"
// in a property key (name_sr_Latn), which keeps keys plain identifiers;
// tags never hold "_", so the key gives the tag back.
const (
	keyID             = "id"
	keyKind           = "kind"
	keyName           = "name"
	keyTitle          = "title"
	keyLanguage       = "language"
	keySymmetric      = "symmetric"
	keySources        = "sources"
	keySearchText     = "searchText"
	keySearchKeys     = "searchKeys"
	prefixName        = "name_"
	prefixInverseName = "inverseName_"
	prefixAlias       = "aliases_"
	prefixDescription = "description_"
	keyStart          = "start"
	keyEnd            = "end"
)

// props is the property map of one node or relationship.
type props map[string]any

// setTexts sets one property per language: prefix + language.
func (p props) setTexts(prefix string, ts []store.Label) {
	for _, t := range ts {
		p[prefix+langKey(t.Lang)] = t.Text
	}
}

// setAliases sets one list property per language.
func (p props) setAliases(as store.Aliases) {
	byLang := map[string][]string{}
	for _, a := range as {
		byLang[a.Lang] = append(byLang[a.Lang], a.Text)
	}
	for lang, texts := range byLang {
		p[prefixAlias+langKey(lang)] = texts
	}
}

// setString sets a string property, left out when empty.
func (p props) setString(key, s string) {
	if s != "" {
		p[key] = s
	}
}

// setCitations sets sources, the list "source[:paragraph[:sentence]]".
func (p props) setCitations(cs []store.Citation) {
	if len(cs) == 0 {
		return
	}
	list := make([]string, len(cs))
	for i, c := range cs {
		list[i] = citationString(c)
	}
	p[keySources] = list
}

func langKey(lang string) string    { return strings.ReplaceAll(lang, "-", "_") }
func langFromKey(key string) string { return strings.ReplaceAll(key, "_", "-") }

func kindProps(k store.EntityKind) props {
	p := props{keyID: k.ID}
	p.setString(keyName, k.Labels.Pick(store.DefaultLang))
	p.setTexts(prefixName, k.Labels)
	p.setTexts(prefixDescription, k.Descriptions)
	return p
}

func typeProps(t store.RelationType) props {
	p := props{keyID: t.ID, keySymmetric: t.Symmetric}
	p.setString(keyName, t.Labels.Pick(store.DefaultLang))
	p.setTexts(prefixName, t.Labels)
	p.setTexts(prefixInverseName, t.InverseLabels)
	p.setTexts(prefixDescription, t.Descriptions)
	return p
}

func sourceProps(d store.SourceDocument) props {
	p := props{keyID: d.ID, keyTitle: d.Title, keyLanguage: d.Language}
	p.setString(keyKind, d.Kind)
	p.setTexts(prefixDescription, d.Descriptions)
	return p
}

func entityProps(e store.Entity) props {
	p := props{keyID: e.ID, keyKind: e.Kind, keySearchText: store.SearchText(&e), keySearchKeys: searchKeys(&e)}
	p.setString(keyName, e.Labels.Pick(store.DefaultLang))
	p.setTexts(prefixName, e.Labels)
	p.setAliases(e.Aliases)
	p.setTexts(prefixDescription, e.Descriptions)
	p.setDate(keyStart, e.Start)
	p.setDate(keyEnd, e.End)
	p.setCitations(e.Sources)
	return p
}

// relationProps are a relation's relationship properties; its type and
// ends are the relationship's own.
func relationProps(r store.Relation) props {
	p := props{keyID: r.ID}
	p.setDate(keyStart, r.Start)
	p.setDate(keyEnd, r.End)
	p.setTexts(prefixDescription, r.Descriptions)
	p.setCitations(r.Sources)
	return p
}

// decoded reads a property map back; the first malformed value is kept in
// err, so that a decoder reads straight through and checks once.
type decoded struct {
	p   map[string]any
	err error
}

func (d *decoded) string(key string) string {
	s, _ := d.p[key].(string)
	return s
}

// texts returns the properties prefix + language as texts, in language
// order (the order the JSON form of Texts has).
func (d *decoded) texts(prefix string) store.Texts {
	var out store.Texts
	for _, key := range slices.Sorted(maps.Keys(d.p)) {
		if lang, ok := strings.CutPrefix(key, prefix); ok {
			s, isString := d.p[key].(string)
			if !isString {
				d.fail(key, "a string", d.p[key])
			}
			out = append(out, store.Label{Lang: langFromKey(lang), Text: s})
		}
	}
	return out
}

func (d *decoded) aliases() store.Aliases {
	var out store.Aliases
	for _, key := range slices.Sorted(maps.Keys(d.p)) {
		if lang, ok := strings.CutPrefix(key, prefixAlias); ok {
			for _, s := range d.strings(key) {
				out = append(out, store.Label{Lang: langFromKey(lang), Text: s})
			}
		}
	}
	return out
}

// strings returns a list of strings; nil when the property is absent.
func (d *decoded) strings(key string) []string {
	v, ok := d.p[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.fail(key, "a list", v)
		return nil
	}
	out := make([]string, len(list))
	for i, x := range list {
		if out[i], ok = x.(string); !ok {
			d.fail(key, "a list of strings", v)
		}
	}
	return out
}

func (d *decoded) citations() []store.Citation {
	list := d.strings(keySources)
	if list == nil {
		return nil
	}
	out := make([]store.Citation, len(list))
	for i, s := range list {
		c, err := parseCitation(s)
		if err != nil && d.err == nil {
			d.err = err
		}
		out[i] = c
	}
	return out
}

func decodeKind(p map[string]any) (store.EntityKind, error) {
	d := &decoded{p: p}
	k := store.EntityKind{ID: d.string(keyID), Labels: d.texts(prefixName), Descriptions: d.texts(prefixDescription)}
	return k, d.err
}

func decodeType(p map[string]any) (store.RelationType, error) {
	d := &decoded{p: p}
	symmetric, _ := p[keySymmetric].(bool)
	t := store.RelationType{
		ID: d.string(keyID), Labels: d.texts(prefixName), InverseLabels: d.texts(prefixInverseName),
		Descriptions: d.texts(prefixDescription), Symmetric: symmetric,
	}
	return t, d.err
}

func decodeSource(p map[string]any) (store.SourceDocument, error) {
	d := &decoded{p: p}
	s := store.SourceDocument{
		ID: d.string(keyID), Title: d.string(keyTitle), Kind: d.string(keyKind),
		Language: d.string(keyLanguage), Descriptions: d.texts(prefixDescription),
	}
	return s, d.err
}

func decodeEntity(p map[string]any) (store.Entity, error) {
	d := &decoded{p: p}
	e := store.Entity{
		ID: d.string(keyID), Kind: d.string(keyKind), Labels: d.texts(prefixName), Aliases: d.aliases(),
		Descriptions: d.texts(prefixDescription), Start: d.date(keyStart), End: d.date(keyEnd), Sources: d.citations(),
	}
	return e, d.err
}

// entityMap is the Cypher expression of node variable v as the decoders
// read it: its properties, without the search properties, which only
// Search reads (nulled, which the driver sends as a few bytes).
func entityMap(v string) string {
	return v + " {.*, " + keySearchText + ": null, " + keySearchKeys + ": null}"
}

// Relation maps carry, beside the relationship's properties, its type and
// the ids of its ends under these keys, which no relationship property
// uses: relationMap projects them in Cypher.
const (
	keyRelationType = "type"
	keyRelationFrom = "from"
	keyRelationTo   = "to"
)

// relationMap is the Cypher expression of relationship variable v as
// decodeRelation reads it.
func relationMap(v string) string {
	return v + " {.*, type: type(" + v + "), from: startNode(" + v + ").id, to: endNode(" + v + ").id}"
}

func decodeRelation(p map[string]any) (store.Relation, error) {
	d := &decoded{p: p}
	r := store.Relation{
		ID: d.string(keyID), Type: d.string(keyRelationType), FromID: d.string(keyRelationFrom), ToID: d.string(keyRelationTo),
		Start: d.date(keyStart), End: d.date(keyEnd), Descriptions: d.texts(prefixDescription), Sources: d.citations(),
	}
	return r, d.err
}
