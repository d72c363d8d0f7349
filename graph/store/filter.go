package store

import "sort"

// Touches reports whether r passes the filter as a relation of the entity
// id. A relation of a symmetric type counts as both outgoing and incoming.
func (f *RelationFilter) Touches(r *Relation, id string, v *Vocabulary) bool {
	if r.FromID != id && r.ToID != id {
		return false
	}
	if !typeIn(r.Type, f.Types) || (f.At != nil && !InForce(r.Start, r.End, *f.At)) {
		return false
	}
	switch f.Direction {
	case DirectionOut:
		return r.FromID == id || isSymmetric(v, r.Type)
	case DirectionIn:
		return r.ToID == id || isSymmetric(v, r.Type)
	default:
		return true
	}
}

// Matches reports whether r passes the query's filters (not its paging).
func (q *RelationQuery) Matches(r *Relation) bool {
	return typeIn(r.Type, q.Types) &&
		(q.From == "" || r.FromID == q.From) &&
		(q.To == "" || r.ToID == q.To) &&
		(q.At == nil || InForce(r.Start, r.End, *q.At))
}

// Matches reports whether r belongs on the timeline the query asks for.
func (q *TimelineQuery) Matches(r *Relation) bool {
	return r.Dated() && typeIn(r.Type, q.Types) &&
		(q.Entity == "" || r.FromID == q.Entity || r.ToID == q.Entity) &&
		Overlaps(r.Start, r.End, q.From, q.To)
}

// TimelineOrder sorts relations chronologically: by the first day of their
// start (or of their end, when the start is unknown), then by the first day
// of their end, with open ends last, then by id.
func TimelineOrder(rels []*Relation) {
	endKey := func(r *Relation) int {
		if r.End == nil {
			return 99999999
		}
		return r.End.First()
	}
	sort.Slice(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if a.timeKey() != b.timeKey() {
			return a.timeKey() < b.timeKey()
		}
		if endKey(a) != endKey(b) {
			return endKey(a) < endKey(b)
		}
		return a.ID < b.ID
	})
}

// Page cuts one page out of items sorted by id: up to first items whose id
// sorts after the cursor's.
func Page[T any](items []T, id func(T) string, first int, after string) (page []T, hasNext bool, err error) {
	start := 0
	if after != "" {
		afterID, err := DecodeCursor(after)
		if err != nil {
			return nil, false, err
		}
		start = sort.Search(len(items), func(i int) bool { return id(items[i]) > afterID })
	}
	end := start + first
	if end >= len(items) {
		return items[start:], false, nil
	}
	return items[start:end], true, nil
}

func typeIn(t string, types []string) bool {
	if len(types) == 0 {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

func isSymmetric(v *Vocabulary, typ string) bool {
	t := v.Type(typ)
	return t != nil && t.Symmetric
}
