package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Current is what PlanEdit needs to know of the stored graph. A store
// reads it inside the write's transaction (or under its write lock), so
// that the plan and the commit see the same graph.
type Current struct {
	// Known checks the references of what is put.
	Known Known
	// Stored returns a stored element by section and id.
	Stored Stored
	// Meta returns the stored element's Meta; ok is false when none is
	// recorded, which for a stored element means version 1, authors unknown.
	Meta func(id string) (m Meta, ok bool)
	// Touching returns the ids of the relations from or to an entity.
	Touching func(entityID string) []string
}

// Plan is what a store must write to commit an Edit.
type Plan struct {
	// Write holds the elements to create or replace, whole: those of
	// Edit.Put that are new or differ from the stored ones.
	Write *Dataset
	// DeleteRelations lists the relations to delete, in id order: those the
	// Edit names and, with Cascade, those of the entities it deletes.
	DeleteRelations []string
	// DeleteEntities lists the entities to delete, in id order.
	DeleteEntities []string
	// Metas holds the new Meta of every element in Write, by id.
	Metas map[string]Meta
	// Change is the change-log entry to append, with the Seq and At given
	// to PlanEdit. It has no elements when the edit changes nothing, and
	// then nothing is to be written.
	Change *Change
	// Result counts what the edit creates, replaces and leaves unchanged.
	Result *ApplyResult
	// Deleted counts the entities and relations the edit deletes.
	Deleted int
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Change.Elements) == 0 }

// PlanEdit works out what committing e to the graph cur describes means:
// it checks the expected versions (ECONFLICT naming the current version of
// a stale one, or an id that exists when a create expected none; ENOTFOUND
// for deleting an unknown id), refuses deleting an entity that keeps
// relations unless e.Cascade (ECONFLICT listing them), validates the graph
// after the edit (EINVALID listing every problem), and returns the writes,
// the new Metas and the change-log entry numbered seq and dated at.
// Every store's Write and Apply call it, so they agree on every rule.
func PlanEdit(e *Edit, cur Current, seq int64, at time.Time) (*Plan, error) {
	if strings.TrimSpace(e.Actor) == "" {
		return nil, Errorf(EINVALID, "an edit must name its actor")
	}
	deletes, err := resolveDeletes(e, cur)
	if err != nil {
		return nil, err
	}
	if err := checkVersions(e, cur); err != nil {
		return nil, err
	}
	known := cur.Known
	gone := deletes.ids()
	if len(gone) > 0 {
		known = withoutIDs(known, gone)
	}
	if err := CheckApply(&e.Put, known); err != nil {
		return nil, err
	}
	changed, result, encoded := diffEncoded(&e.Put, cur.Stored)
	p := &Plan{
		Write:           changed,
		DeleteRelations: deletes.relations,
		DeleteEntities:  deletes.entities,
		Metas:           map[string]Meta{},
		Change:          &Change{Seq: seq, At: at.UTC(), Actor: e.Actor, Action: e.Action, Elements: []ElementChange{}},
		Result:          result,
		Deleted:         len(deletes.relations) + len(deletes.entities),
	}
	changed.Each(func(section, id string, x any) {
		c := ElementChange{Section: section, ID: id, After: encoded[0]}
		encoded = encoded[1:]
		m, recorded := cur.Meta(id)
		if prev, ok := cur.Stored(section, id); ok {
			c.Before = MustJSON(prev)
			if !recorded {
				m = Meta{Version: 1}
			}
			m.Version++
		} else {
			m = Meta{Version: 1, CreatedAt: p.Change.At, CreatedBy: e.Actor}
		}
		m.UpdatedAt, m.UpdatedBy = p.Change.At, e.Actor
		c.Version = m.Version
		p.Metas[id] = m
		p.Change.Elements = append(p.Change.Elements, c)
	})
	for _, del := range []struct {
		section string
		ids     []string
	}{{SectionEntities, deletes.entities}, {SectionRelations, deletes.relations}} {
		for _, id := range del.ids {
			prev, _ := cur.Stored(del.section, id)
			p.Change.Elements = append(p.Change.Elements, ElementChange{Section: del.section, ID: id, Before: MustJSON(prev)})
		}
	}
	sortElementChanges(p.Change.Elements)
	return p, nil
}

// deletion is an edit's deletes, by section.
type deletion struct{ entities, relations []string }

func (d deletion) ids() map[string]bool {
	out := make(map[string]bool, len(d.entities)+len(d.relations))
	for _, id := range d.entities {
		out[id] = true
	}
	for _, id := range d.relations {
		out[id] = true
	}
	return out
}

// resolveDeletes finds the section of every id to delete and the relations
// deleting the entities takes with it.
func resolveDeletes(e *Edit, cur Current) (deletion, error) {
	var d deletion
	if len(e.Delete) == 0 {
		return d, nil
	}
	putIDs := map[string]bool{}
	e.Put.Each(func(_, id string, _ any) { putIDs[id] = true })
	named := map[string]bool{}
	for _, id := range e.Delete {
		switch {
		case named[id]:
			continue
		case putIDs[id]:
			return d, Errorf(EINVALID, "%q is both put and deleted by one edit", id)
		}
		named[id] = true
		if _, ok := cur.Stored(SectionEntities, id); ok {
			d.entities = append(d.entities, id)
		} else if _, ok := cur.Stored(SectionRelations, id); ok {
			d.relations = append(d.relations, id)
		} else {
			return d, Errorf(ENOTFOUND, "no entity or relation has the id %q", id)
		}
	}
	var orphans []string
	for _, id := range d.entities {
		for _, r := range cur.Touching(id) {
			if !named[r] {
				named[r] = true
				orphans = append(orphans, r)
			}
		}
	}
	sort.Strings(orphans)
	switch {
	case len(orphans) > 0 && !e.Cascade:
		return d, &Error{Code: ECONFLICT,
			Message:    fmt.Sprintf("deleting %s would leave %d relations without an end: %s; delete them first, or ask to cascade", strings.Join(d.entities, ", "), len(orphans), strings.Join(orphans, ", ")),
			Extensions: map[string]any{"orphans": orphans}}
	case len(orphans) > MaxCascade:
		return d, Errorf(EINVALID, "deleting %s would take %d relations with it, more than the %d one edit may delete", strings.Join(d.entities, ", "), len(orphans), MaxCascade)
	}
	d.relations = append(d.relations, orphans...)
	sort.Strings(d.entities)
	sort.Strings(d.relations)
	return d, nil
}

// checkVersions refuses an edit based on a version that is not the stored one.
func checkVersions(e *Edit, cur Current) error {
	ids := make([]string, 0, len(e.Expect))
	for id := range e.Expect {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		want := e.Expect[id]
		have := currentVersion(cur, id)
		switch {
		case want == have:
			continue
		case want == 0:
			return &Error{Code: ECONFLICT, Message: fmt.Sprintf("%q already exists (version %d): choose another id, or update it", id, have),
				Extensions: map[string]any{"id": id, "currentVersion": have}}
		case have == 0:
			return Errorf(ENOTFOUND, "no entity or relation has the id %q", id)
		default:
			return &Error{Code: ECONFLICT, Message: fmt.Sprintf("%q is at version %d, not %d: someone changed it since you read it; read it again and redo your edit", id, have, want),
				Extensions: map[string]any{"id": id, "currentVersion": have}}
		}
	}
	return nil
}

// currentVersion is the stored version of the entity or relation id, 0
// when there is none.
func currentVersion(cur Current, id string) int64 {
	for _, section := range deletableSections {
		if _, ok := cur.Stored(section, id); ok {
			if m, ok := cur.Meta(id); ok {
				return m.Version
			}
			return 1
		}
	}
	return 0
}

// withoutIDs is known with the deleted ids taken out.
func withoutIDs(known Known, gone map[string]bool) Known {
	entity, holder := known.Entity, known.Holder
	known.Entity = func(id string) bool { return !gone[id] && entity != nil && entity(id) }
	known.Holder = func(id, section string) string {
		if gone[id] || holder == nil {
			return ""
		}
		return holder(id, section)
	}
	return known
}

// sortElementChanges orders a change's elements by section (in the order
// of Sections), then id.
func sortElementChanges(elems []ElementChange) {
	rank := func(section string) int { return slices.Index(Sections, section) }
	sort.SliceStable(elems, func(i, j int) bool {
		if a, b := rank(elems[i].Section), rank(elems[j].Section); a != b {
			return a < b
		}
		return elems[i].ID < elems[j].ID
	})
}

// Undo returns the dataset as it was before the changes, given as it is
// after them: changes are undone newest first, each element put back as
// Before says (removed when the change created it). It is how a read as of
// a past moment is answered from the change log.
func Undo(d *Dataset, newestFirst []*Change) (*Dataset, error) {
	type key struct{ section, id string }
	restore := map[key]json.RawMessage{}
	for _, c := range newestFirst {
		for _, e := range c.Elements {
			restore[key{e.Section, e.ID}] = e.Before // the oldest change's Before wins
		}
	}
	if len(restore) == 0 {
		return d, nil
	}
	back := &Dataset{}
	for k, raw := range restore {
		if raw == nil {
			continue
		}
		if err := back.addJSON(k.section, raw); err != nil {
			return nil, fmt.Errorf("change log %s %q: %w", k.section, k.id, err)
		}
	}
	out := d.Merge(back)
	out.removeIf(func(section, id string) bool {
		raw, ok := restore[key{section, id}]
		return ok && raw == nil
	})
	return out, nil
}

// addJSON decodes one element of a section and appends it.
func (d *Dataset) addJSON(section string, raw json.RawMessage) error {
	switch section {
	case SectionEntityKinds:
		return appendJSON(raw, &d.Vocabulary.EntityKinds)
	case SectionRelationTypes:
		return appendJSON(raw, &d.Vocabulary.RelationTypes)
	case SectionSources:
		return appendJSON(raw, &d.Sources)
	case SectionEntities:
		return appendJSON(raw, &d.Entities)
	case SectionRelations:
		return appendJSON(raw, &d.Relations)
	}
	return fmt.Errorf("unknown section %q", section)
}

func appendJSON[T any](raw json.RawMessage, into *[]T) error {
	var x T
	if err := json.Unmarshal(raw, &x); err != nil {
		return err
	}
	*into = append(*into, x)
	return nil
}

// removeIf drops the elements for which drop is true.
func (d *Dataset) removeIf(drop func(section, id string) bool) {
	d.Vocabulary.EntityKinds = slices.DeleteFunc(d.Vocabulary.EntityKinds, func(x EntityKind) bool { return drop(SectionEntityKinds, x.ID) })
	d.Vocabulary.RelationTypes = slices.DeleteFunc(d.Vocabulary.RelationTypes, func(x RelationType) bool { return drop(SectionRelationTypes, x.ID) })
	d.Sources = slices.DeleteFunc(d.Sources, func(x SourceDocument) bool { return drop(SectionSources, x.ID) })
	d.Entities = slices.DeleteFunc(d.Entities, func(x Entity) bool { return drop(SectionEntities, x.ID) })
	d.Relations = slices.DeleteFunc(d.Relations, func(x Relation) bool { return drop(SectionRelations, x.ID) })
}
