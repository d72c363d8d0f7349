package store

// EntityIDs are the ids of s.Entities, in their order: what a client that
// needs only ids reads, without the cost of an object per entity.
func (s *Subgraph) EntityIDs() []string {
	ids := make([]string, len(s.Entities))
	for i, e := range s.Entities {
		ids[i] = e.ID
	}
	return ids
}

// RelationIDs are the ids of s.Relations, in their order.
func (s *Subgraph) RelationIDs() []string {
	ids := make([]string, len(s.Relations))
	for i, r := range s.Relations {
		ids[i] = r.ID
	}
	return ids
}
