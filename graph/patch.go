package graph

import (
	"context"
	"slices"

	"kgraph/graph/model"
	"kgraph/graph/store"
)

// The add and remove mutations change one field of an element: they read
// it, apply the change and write it back whole, expecting the version the
// caller gave or, without one, the version just read.

// patchTries is how often a patch without a version is tried when other
// writes keep changing the element between its read and its write.
const patchTries = 3

// node is an entity or a relation, as a patch reads and changes it.
type node struct {
	entity   *store.Entity
	relation *store.Relation
	version  int64
}

// patch applies change to the element id and writes it. change may leave
// the element as it was (the write then changes nothing) or return an
// error (ENOTFOUND for removing what is not there).
func (r *Resolver) patch(ctx context.Context, id string, version *int, change func(*node) error) (*node, *store.Change, error) {
	for try := 1; ; try++ {
		n, err := r.readNode(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		expect := n.version
		if version != nil {
			expect = int64(*version)
		}
		if err := change(n); err != nil {
			return nil, nil, err
		}
		e := &store.Edit{Expect: map[string]int64{id: expect}}
		if n.entity != nil {
			e.Put.Entities = []store.Entity{*n.entity}
		} else {
			e.Put.Relations = []store.Relation{*n.relation}
		}
		ch, err := r.write(ctx, e)
		if store.ErrorCode(err) == store.ECONFLICT && version == nil && try < patchTries {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if n.entity != nil {
			n.entity, err = r.writtenEntity(ctx, ch, id)
		} else {
			n.relation, err = r.writtenRelation(ctx, ch, id)
		}
		return n, ch, err
	}
}

// readNode reads an entity or a relation and its version. The version is
// read before and after the element, and the read is repeated until both
// agree, so that the element and its version belong together: a patch
// never writes an element it read at one version as if it were another.
func (r *Resolver) readNode(ctx context.Context, id string) (*node, error) {
	for {
		if err := store.ContextError(ctx); err != nil {
			return nil, err
		}
		before, err := r.version(ctx, id)
		if err != nil {
			return nil, err
		}
		// The elements are copied: a store in memory returns its own, which
		// the change must not touch. The changes replace slices, never
		// write into them, so a shallow copy is enough.
		n := &node{version: before}
		e, err := storedOne(ctx, id, r.Store.Entities)
		if err == nil {
			n.entity = copyOf(e)
		} else if store.ErrorCode(err) == store.ENOTFOUND {
			var rel *store.Relation
			if rel, err = storedOne(ctx, id, r.Store.Relations); err == nil {
				n.relation = copyOf(rel)
			}
		}
		if err != nil {
			return nil, err
		}
		after, err := r.version(ctx, id)
		if err != nil {
			return nil, err
		}
		if after == before {
			return n, nil
		}
	}
}

// version reads the current version of an entity or a relation.
func (r *Resolver) version(ctx context.Context, id string) (int64, error) {
	metas, err := r.Store.Metas(ctx, []string{id})
	if err != nil {
		return 0, err
	}
	if len(metas) == 0 || metas[0] == nil {
		return 0, store.Errorf(store.ENOTFOUND, "no entity or relation has id %q", id)
	}
	return metas[0].Version, nil
}

// patchEntity is patch for the mutations that only apply to entities.
func (r *Resolver) patchEntity(ctx context.Context, id string, version *int, change func(*store.Entity) error) (*model.EntityPayload, error) {
	n, ch, err := r.patch(ctx, id, version, func(n *node) error {
		if n.entity == nil {
			return store.Errorf(store.ENOTFOUND, "no entity has id %q (it names a relation)", id)
		}
		return change(n.entity)
	})
	if err != nil {
		return nil, err
	}
	return &model.EntityPayload{Entity: n.entity, Change: loggedChange(ch)}, nil
}

// patchNode is patch for the mutations that apply to entities and
// relations alike: change gets the field to change, whichever the element is.
func (r *Resolver) patchNode(ctx context.Context, id string, version *int, change func(descriptions *store.Texts, sources *[]store.Citation) error) (*model.NodePayload, error) {
	n, ch, err := r.patch(ctx, id, version, func(n *node) error {
		if n.entity != nil {
			return change(&n.entity.Descriptions, &n.entity.Sources)
		}
		return change(&n.relation.Descriptions, &n.relation.Sources)
	})
	if err != nil {
		return nil, err
	}
	var out store.Node = n.relation
	if n.entity != nil {
		out = n.entity
	}
	return &model.NodePayload{Node: out, Change: loggedChange(ch)}, nil
}

// setText sets the text in l's language, replacing the one there.
func setText(texts []store.Label, l store.Label) []store.Label {
	out := slices.DeleteFunc(slices.Clone(texts), func(t store.Label) bool { return t.Lang == l.Lang })
	return append(out, l)
}

// removeText removes the text in lang; ENOTFOUND names field when there is none.
func removeText(texts []store.Label, lang, id, field string) ([]store.Label, error) {
	out := slices.DeleteFunc(slices.Clone(texts), func(t store.Label) bool { return t.Lang == lang })
	if len(out) == len(texts) {
		return nil, store.Errorf(store.ENOTFOUND, "%q has no %s in %q", id, field, lang)
	}
	return out, nil
}

// addOnce appends v unless it is there already.
func addOnce[T comparable](list []T, v T) []T {
	if slices.Contains(list, v) {
		return list
	}
	return append(slices.Clone(list), v)
}

// removeOne removes v; ENOTFOUND names field when it is not there.
func removeOne[T comparable](list []T, v T, id, field string) ([]T, error) {
	i := slices.Index(list, v)
	if i < 0 {
		return nil, store.Errorf(store.ENOTFOUND, "%q has no such %s", id, field)
	}
	return slices.Delete(slices.Clone(list), i, i+1), nil
}

func copyOf[T any](v *T) *T {
	c := *v
	return &c
}
