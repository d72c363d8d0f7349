package store

import "context"

// EndsReader is implemented by stores that can read, with the relations of
// entities, the entities at their other ends in the same round trip
// (Neo4j). A client that shows each relation's other end (a list of
// relations with the name of each target) then costs the store one query
// instead of two. Stores in memory need not implement it.
type EndsReader interface {
	// RelationsOfWithEnds answers as RelationsOf does, with the same
	// errors, and also returns the entities at both ends of every relation
	// it returns and the entity of each id that exists (so that one call
	// answers an entity and its relations).
	RelationsOfWithEnds(ctx context.Context, ids []string, f RelationFilter) (*WithEnds, error)
}

// WithEnds is the answer of RelationsOfWithEnds.
type WithEnds struct {
	// Relations are RelationsOf's answer: each entity's relations, by id.
	Relations map[string][]*Relation
	// Ends are the entities at both ends of those relations and the
	// entities of the ids asked about that exist, by id.
	Ends map[string]*Entity
}

// RelationsOfWithEnds asks s for the relations of ids and their ends: in
// one call when s is an EndsReader, otherwise with RelationsOf and then
// Entities. Wrappers of stores use it to be EndsReaders whatever they wrap.
func RelationsOfWithEnds(ctx context.Context, s Store, ids []string, f RelationFilter) (*WithEnds, error) {
	if er, ok := s.(EndsReader); ok {
		return er.RelationsOfWithEnds(ctx, ids, f)
	}
	rels, err := s.RelationsOf(ctx, ids, f)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var endIDs []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			endIDs = append(endIDs, id)
		}
	}
	for _, list := range rels {
		for _, r := range list {
			for _, id := range []string{r.FromID, r.ToID} {
				if !seen[id] {
					seen[id] = true
					endIDs = append(endIDs, id)
				}
			}
		}
	}
	found, err := s.Entities(ctx, endIDs)
	if err != nil {
		return nil, err
	}
	ends := make(map[string]*Entity, len(found))
	for _, e := range found {
		if e != nil {
			ends[e.ID] = e
		}
	}
	return &WithEnds{Relations: rels, Ends: ends}, nil
}
