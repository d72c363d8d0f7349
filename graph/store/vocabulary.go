package store

import (
	"sort"
	"strings"
)

// Vocabulary declares the kinds of entity and the types of relation a
// dataset may use. It is data: a dataset with other kinds and types needs
// no code change.
type Vocabulary struct {
	// EntityKinds lists the kinds of entity, such as "state" or "document".
	EntityKinds []EntityKind `json:"entityKinds"`
	// RelationTypes lists the types of relation, such as "SIGNED".
	RelationTypes []RelationType `json:"relationTypes"`
}

// EntityKind is one kind of entity.
type EntityKind struct {
	// ID is the kind's identifier, used in Entity.Kind and in queries.
	ID string `json:"id"`
	// Labels names the kind, per language.
	Labels Texts `json:"labels"`
	// Descriptions says what belongs to the kind, per language.
	Descriptions Texts `json:"descriptions,omitempty"`
}

// RelationType is one type of relation.
type RelationType struct {
	// ID is the type's identifier, in UPPER_SNAKE_CASE, used in Relation.Type
	// and in queries (and as the relationship type in Neo4j).
	ID string `json:"id"`
	// Labels reads the relation from its subject: "signed".
	Labels Texts `json:"labels"`
	// InverseLabels reads it from its object: "signed by".
	InverseLabels Texts `json:"inverseLabels"`
	// Descriptions says what the type means, per language.
	Descriptions Texts `json:"descriptions,omitempty"`
	// Symmetric types mean the same read from either end ("allied with"):
	// their relations count as both outgoing and incoming.
	Symmetric bool `json:"symmetric"`
}

// Kind returns the entity kind with the given id, or nil.
func (v *Vocabulary) Kind(id string) *EntityKind {
	for i := range v.EntityKinds {
		if v.EntityKinds[i].ID == id {
			return &v.EntityKinds[i]
		}
	}
	return nil
}

// Type returns the relation type with the given id, or nil.
func (v *Vocabulary) Type(id string) *RelationType {
	for i := range v.RelationTypes {
		if v.RelationTypes[i].ID == id {
			return &v.RelationTypes[i]
		}
	}
	return nil
}

// CheckKind returns an EINVALID error listing the valid kinds when kind is
// not one of them.
func (v *Vocabulary) CheckKind(kind string) error {
	if v.Kind(kind) != nil {
		return nil
	}
	ids := make([]string, len(v.EntityKinds))
	for i, k := range v.EntityKinds {
		ids[i] = k.ID
	}
	sort.Strings(ids)
	return Errorf(EINVALID, "unknown entity kind %q; valid kinds: %s", kind, strings.Join(ids, ", "))
}

// CheckTypes returns an EINVALID error listing the valid types when any of
// types is not one of them.
func (v *Vocabulary) CheckTypes(types []string) error {
	for _, t := range types {
		if v.Type(t) != nil {
			continue
		}
		ids := make([]string, len(v.RelationTypes))
		for i, rt := range v.RelationTypes {
			ids[i] = rt.ID
		}
		sort.Strings(ids)
		return Errorf(EINVALID, "unknown relation type %q; valid types: %s", t, strings.Join(ids, ", "))
	}
	return nil
}

// Merge returns the vocabulary with other's kinds and types added, those
// with the same id replaced, in id order.
func (v Vocabulary) Merge(other Vocabulary) Vocabulary {
	kinds := map[string]EntityKind{}
	for _, k := range append(append([]EntityKind{}, v.EntityKinds...), other.EntityKinds...) {
		kinds[k.ID] = k
	}
	types := map[string]RelationType{}
	for _, t := range append(append([]RelationType{}, v.RelationTypes...), other.RelationTypes...) {
		types[t.ID] = t
	}
	out := Vocabulary{}
	for _, k := range kinds {
		out.EntityKinds = append(out.EntityKinds, k)
	}
	for _, t := range types {
		out.RelationTypes = append(out.RelationTypes, t)
	}
	sort.Slice(out.EntityKinds, func(i, j int) bool { return out.EntityKinds[i].ID < out.EntityKinds[j].ID })
	sort.Slice(out.RelationTypes, func(i, j int) bool { return out.RelationTypes[i].ID < out.RelationTypes[j].ID })
	return out
}
