package store

import (
	"encoding/json"
	"time"
)

// Edit is one write to the graph, applied all or nothing: the elements to
// create or replace and the entities and relations to delete. Mutations,
// applyDataset and the import command all reach the store as an Edit.
type Edit struct {
	// Actor names who makes the change (an API key's name, a token's
	// subject, or "import"); it is recorded in the change log and in the
	// changed elements' Meta.
	Actor string
	// Action names the operation, such as "createEntity" or "import"; it is
	// recorded in the change log.
	Action string
	// Put holds the elements to create or replace, whole. Elements stored
	// exactly as given are left alone: they are not versioned again and not
	// recorded as changed.
	Put Dataset
	// Delete lists the ids of entities and relations to delete.
	Delete []string
	// Expect maps an element id to the version the edit was based on (see
	// Meta.Version); 0 means the element must not exist yet. Ids not in
	// Expect are not checked: a bulk import replaces by id.
	Expect map[string]int64
	// Cascade, when deleting an entity, deletes its relations with it.
	// Without it, deleting an entity that has relations is refused.
	Cascade bool
	// DryRun works out the change and reports it without writing anything.
	DryRun bool
}

// Meta is the record the graph keeps of an element's edits. Only editors
// see who made them.
type Meta struct {
	// Version counts the element's changes: 1 when created, raised by each
	// change that alters it. An update or delete names the version it was
	// based on (Edit.Expect), so that a stale one is refused.
	Version int64
	// CreatedAt is when the element was created; zero when the element
	// predates the change log.
	CreatedAt time.Time
	// CreatedBy is the Actor who created it; "" when unknown.
	CreatedBy string
	// UpdatedAt is when it last changed; zero when unknown.
	UpdatedAt time.Time
	// UpdatedBy is the Actor of its last change; "" when unknown.
	UpdatedBy string
}

// Change is one entry of the change log: one committed Edit.
type Change struct {
	// Seq is the change's place in the store's commit order: 1 for the
	// first change, one more for each change after it, never reused.
	Seq int64 `json:"seq"`
	// At is when the change was committed (UTC).
	At time.Time `json:"at"`
	// Actor is Edit.Actor.
	Actor string `json:"actor"`
	// Action is Edit.Action.
	Action string `json:"action"`
	// Elements are the elements the change created, replaced or deleted,
	// in the order of Sections, then id order. Elements an Edit put as they
	// were stored are not listed.
	Elements []ElementChange `json:"elements"`
}

// ElementChange is what one change did to one element.
type ElementChange struct {
	// Section is one of Sections.
	Section string `json:"section"`
	// ID is the element's id.
	ID string `json:"id"`
	// Version is the element's version after the change; 0 when deleted.
	Version int64 `json:"version"`
	// Before is the element as the dataset format writes it, before the
	// change; nil when the change created it.
	Before json.RawMessage `json:"before,omitempty"`
	// After is the element after the change; nil when the change deleted it.
	After json.RawMessage `json:"after,omitempty"`
}

// Created reports whether the change created the element.
func (c ElementChange) Created() bool { return c.Before == nil }

// Deleted reports whether the change deleted the element.
func (c ElementChange) Deleted() bool { return c.After == nil }

// ChangeQuery selects a page of the change log, oldest first.
type ChangeQuery struct {
	// After keeps only changes with a Seq greater than it: 0 starts at the
	// beginning, the Seq of a page's last change continues after it.
	After int64
	// Since keeps only changes committed at or after it, when not zero.
	Since time.Time
	// Until keeps only changes committed at or before it, when not zero.
	Until time.Time
	// Entity keeps only changes to this entity or to relations that touch
	// it (before or after the change), when not "".
	Entity string
	// First is the page size, 1 to MaxPageSize (0 means DefaultPageSize).
	First int
}

// ChangePage is a page of the change log.
type ChangePage struct {
	// Changes are the page's changes, oldest first.
	Changes []*Change
	// HasNextPage is true when changes follow this page.
	HasNextPage bool
}

// Limits of edits.
const (
	// MaxEditElements is the most elements one mutation may put or delete
	// (applyDataset and the import command are not bound by it).
	MaxEditElements = 1000
	// MaxCascade is the most relations deleting one entity may take with it.
	MaxCascade = 10000
)

// Section names of the elements an Edit can delete.
var deletableSections = []string{SectionEntities, SectionRelations}

// touches reports whether the element change concerns the entity id: the
// entity itself, or a relation from or to it before or after the change.
func (c ElementChange) touches(id string) bool {
	if c.ID == id {
		return true
	}
	if c.Section != SectionRelations {
		return false
	}
	for _, raw := range []json.RawMessage{c.Before, c.After} {
		var r struct {
			From string `json:"from"`
			To   string `json:"to"`
		}
		if raw != nil && json.Unmarshal(raw, &r) == nil && (r.From == id || r.To == id) {
			return true
		}
	}
	return false
}

// Touches reports whether the change concerns the entity id (see ChangeQuery.Entity).
func (c *Change) Touches(id string) bool {
	for _, e := range c.Elements {
		if e.touches(id) {
			return true
		}
	}
	return false
}

// Matches reports whether the change passes q's filters (all but After and First).
func (q ChangeQuery) Matches(c *Change) bool {
	switch {
	case !q.Since.IsZero() && c.At.Before(q.Since):
		return false
	case !q.Until.IsZero() && c.At.After(q.Until):
		return false
	case q.Entity != "" && !c.Touches(q.Entity):
		return false
	}
	return true
}

// CheckChangeQuery checks q's arguments and fills in its page size.
func CheckChangeQuery(q *ChangeQuery) error {
	if q.After < 0 {
		return Errorf(EINVALID, "after must be a change's seq, 0 or more; got %d", q.After)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Before(q.Since) {
		return Errorf(EINVALID, "until (%s) is before since (%s)", q.Until.Format(time.RFC3339), q.Since.Format(time.RFC3339))
	}
	return checkSize("first", &q.First, DefaultPageSize, MaxPageSize)
}
