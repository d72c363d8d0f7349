package graph

import (
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/model"
	"kgraph/graph/store"
)

// write commits e as the caller (see commit), once it is checked against
// the limit of a mutation's size.
func (r *Resolver) write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	if n := editSize(e); n > store.MaxEditElements {
		return nil, store.Errorf(store.EINVALID, "a mutation may put or delete at most %d elements; this one names %d (use applyDataset for bulk changes)", store.MaxEditElements, n)
	}
	return r.commit(ctx, e)
}

// commit writes e as the caller, under the name of the mutation being
// resolved, and returns the change-log entry. Later fields of the same
// operation read through fresh loaders, so that they see the write.
func (r *Resolver) commit(ctx context.Context, e *store.Edit) (*store.Change, error) {
	name, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	e.Actor = name
	if fc := graphql.GetFieldContext(ctx); fc != nil && e.Action == "" {
		e.Action = fc.Field.Name
	}
	ch, err := r.Store.Write(ctx, e)
	if err != nil {
		return nil, err
	}
	if !e.DryRun {
		r.loaders(ctx).refresh(ctx, r.Store)
	}
	return ch, nil
}

// editSize counts the elements an edit puts and deletes.
func editSize(e *store.Edit) int {
	d := &e.Put
	return len(d.Vocabulary.EntityKinds) + len(d.Vocabulary.RelationTypes) + len(d.Sources) + len(d.Entities) + len(d.Relations) + len(e.Delete)
}

// loggedChange is the change for a payload: nil when the write changed nothing.
func loggedChange(ch *store.Change) *store.Change {
	if ch == nil || ch.Seq == 0 {
		return nil
	}
	return ch
}

// deletedIDs lists the ids of the entities and relations a change deleted.
func deletedIDs(ch *store.Change) []string {
	ids := []string{}
	for _, e := range ch.Elements {
		if e.Deleted() {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// leftBy decodes the element with this id as the change left it; ok is
// false when the change did not write it (it was stored as given already).
func leftBy[T any](ch *store.Change, section, id string) (v *T, ok bool, err error) {
	for _, e := range ch.Elements {
		if e.Section == section && e.ID == id && e.After != nil {
			v = new(T)
			if err := json.Unmarshal(e.After, v); err != nil {
				return nil, false, err
			}
			return v, true, nil
		}
	}
	return nil, false, nil
}

// writtenEntity is the entity as the change left it, read back from the
// store when the change did not touch it.
func (r *Resolver) writtenEntity(ctx context.Context, ch *store.Change, id string) (*store.Entity, error) {
	if e, ok, err := leftBy[store.Entity](ch, store.SectionEntities, id); ok || err != nil {
		return e, err
	}
	return storedOne(ctx, id, r.Store.Entities)
}

// writtenRelation is writtenEntity for a relation.
func (r *Resolver) writtenRelation(ctx context.Context, ch *store.Change, id string) (*store.Relation, error) {
	if rel, ok, err := leftBy[store.Relation](ch, store.SectionRelations, id); ok || err != nil {
		return rel, err
	}
	return storedOne(ctx, id, r.Store.Relations)
}

// stored reads one element that must exist.
func storedOne[T any](ctx context.Context, id string, get func(context.Context, []string) ([]*T, error)) (*T, error) {
	found, err := get(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 || found[0] == nil {
		return nil, store.Errorf(store.ENOTFOUND, "no element has id %q", id)
	}
	return found[0], nil
}

func (r *Resolver) entityPayload(ctx context.Context, ch *store.Change, id string) (*model.EntityPayload, error) {
	e, err := r.writtenEntity(ctx, ch, id)
	if err != nil {
		return nil, err
	}
	return &model.EntityPayload{Entity: e, Change: loggedChange(ch)}, nil
}

func (r *Resolver) relationPayload(ctx context.Context, ch *store.Change, id string) (*model.RelationPayload, error) {
	rel, err := r.writtenRelation(ctx, ch, id)
	if err != nil {
		return nil, err
	}
	return &model.RelationPayload{Relation: rel, Change: loggedChange(ch)}, nil
}
