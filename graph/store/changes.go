package store

import (
	"context"
	"math"
	"sort"
)

// MaxComparisonRelations is the most relations a comparison of two moments
// holds (added, ended and held together). A larger comparison is an
// EINVALID error that asks for an entity or types to narrow it, never a
// silently shortened answer.
const MaxComparisonRelations = 2000

// ChangesQuery compares the graph at two moments.
//
// The relations compared are those of the given types in force at some
// time within From or within To (see InForce): the whole graph's, or, with
// an Entity, those of its neighbourhood of Depth hops over such relations
// (as NeighborhoodQuery walks it, without an entity limit). Each is then
// added (in force within To, not within From), ended (within From, not
// within To) or held (within both).
type ChangesQuery struct {
	// From is the earlier moment; it may not begin after To ends.
	From PartialDate
	// To is the later moment.
	To PartialDate
	// Entity, when not "", compares only the neighbourhood of this entity.
	Entity string
	// Depth is the neighbourhood's number of hops, 1 to
	// MaxNeighborhoodDepth; checked even without an Entity, which ignores it.
	Depth int
	// Types keeps only relations of these types, when not empty.
	Types []string
}

// Comparison is what changed between two moments.
type Comparison struct {
	// From is the earlier moment.
	From PartialDate
	// To is the later moment.
	To PartialDate
	// Added are the relations in force at To but not at From, in id order.
	Added []*Relation
	// Ended are the relations in force at From but not at To, in id order.
	Ended []*Relation
	// Held are the relations in force at both, in id order.
	Held []*Relation
}

// Check validates the query. The depth must be given (the API defaults it
// to 1).
func (q *ChangesQuery) Check(v *Vocabulary) error {
	if q.From.First() > q.To.Last() {
		return Errorf(EINVALID, "from (%s) is after to (%s): give the earlier moment as from", q.From, q.To)
	}
	if q.Depth < 1 || q.Depth > MaxNeighborhoodDepth {
		return Errorf(EINVALID, "depth must be between 1 and %d, got %d", MaxNeighborhoodDepth, q.Depth)
	}
	return checkTypes(v, q.Types)
}

// Filter is the relation filter a store fetches the neighbourhood's
// relations with: the types, in either direction, at any time. Matches
// then keeps those in force at either moment.
func (q *ChangesQuery) Filter() RelationFilter {
	return RelationFilter{Direction: DirectionBoth, Types: q.Types}
}

// Matches reports whether r takes part in the comparison: of the types and
// in force within From or within To.
func (q *ChangesQuery) Matches(r *Relation) bool {
	return typeIn(r.Type, q.Types) && (InForce(r.Start, r.End, q.From) || InForce(r.Start, r.End, q.To))
}

// ChangesAround walks the neighbourhood of q.Entity over the relations
// adj returns that q.Matches, and returns their comparison. A store passes
// its adjacency for q.Filter(), as for Neighborhood.
func ChangesAround(ctx context.Context, q ChangesQuery, adj Adjacency) (*Comparison, error) {
	matching := func(ctx context.Context, ids []string) (map[string][]*Relation, error) {
		edges, err := adj(ctx, ids)
		if err != nil {
			return nil, err
		}
		for id, rels := range edges {
			kept := rels[:0:0]
			for _, r := range rels {
				if q.Matches(r) {
					kept = append(kept, r)
				}
			}
			edges[id] = kept
		}
		return edges, nil
	}
	walk := NeighborhoodQuery{ID: q.Entity, Depth: q.Depth, Types: q.Types, Limit: math.MaxInt}
	_, rels, _, err := NeighborhoodIDs(ctx, walk, matching)
	if err != nil {
		return nil, err
	}
	return Compare(q, rels)
}

// Compare sorts relations that match q into added, ended and held, or
// returns EINVALID when there are more than MaxComparisonRelations.
func Compare(q ChangesQuery, rels []*Relation) (*Comparison, error) {
	if len(rels) > MaxComparisonRelations {
		hint := "name an entity or fewer types"
		if q.Entity != "" {
			hint = "lower the depth or name fewer types"
		}
		return nil, Errorf(EINVALID, "the comparison holds more than %d relations; %s", MaxComparisonRelations, hint)
	}
	c := &Comparison{From: q.From, To: q.To, Added: []*Relation{}, Ended: []*Relation{}, Held: []*Relation{}}
	for _, r := range rels {
		atFrom, atTo := InForce(r.Start, r.End, q.From), InForce(r.Start, r.End, q.To)
		switch {
		case atFrom && atTo:
			c.Held = append(c.Held, r)
		case atTo:
			c.Added = append(c.Added, r)
		case atFrom:
			c.Ended = append(c.Ended, r)
		}
	}
	for _, list := range [][]*Relation{c.Added, c.Ended, c.Held} {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	return c, nil
}
