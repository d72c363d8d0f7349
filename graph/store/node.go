package store

// Node is an element of the graph that a client can refetch by its id
// alone: an *Entity, a *Relation or a *SourceDocument. Their ids are unique
// across the three (see Known.Holder and Dataset.Validate), so an id names
// one node of the whole graph, and the API's Node.id is today's slug.
type Node interface {
	// NodeID is the node's graph-wide id.
	NodeID() string
}

// NodeID implements Node.
func (e *Entity) NodeID() string { return e.ID }

// NodeID implements Node.
func (r *Relation) NodeID() string { return r.ID }

// NodeID implements Node.
func (d *SourceDocument) NodeID() string { return d.ID }

// MaxNodesPerQuery is the most ids one nodes(ids:) lookup may name.
const MaxNodesPerQuery = 100

// nodeSections are the sections whose ids share one namespace.
var nodeSections = map[string]string{
	SectionSources:   "a source document",
	SectionEntities:  "an entity",
	SectionRelations: "a relation",
}

// checkNodeID reports an id of a node section that another section already
// uses, in the dataset itself or in the graph it is added to: two nodes of
// different kinds may not share an id, or an id would no longer name one
// node of the graph.
func (v *validator) checkNodeID(section string, i int, id string) {
	if _, ok := nodeSections[section]; !ok || id == "" {
		return
	}
	other := v.ownSection(section, id)
	if other == "" && v.known.Holder != nil {
		other = v.known.Holder(id, section)
	}
	if other != "" {
		v.add(section, i, id, "id", "the id %q is already %s's: ids are unique across sources, entities and relations", id, nodeSections[other])
	}
}

// ownSection is the other node section of the dataset that gives id, or "".
func (v *validator) ownSection(section, id string) string {
	for s, ids := range map[string]map[string]bool{SectionSources: v.sourceIDs, SectionEntities: v.entityIDs, SectionRelations: v.relationIDs} {
		if s != section && ids[id] {
			return s
		}
	}
	return ""
}

// CheckNodeIDs checks the size of a lookup of nodes by id: 1 to
// MaxNodesPerQuery ids (EINVALID otherwise).
func CheckNodeIDs(ids []string) error {
	if len(ids) == 0 || len(ids) > MaxNodesPerQuery {
		return Errorf(EINVALID, "nodes takes 1 to %d ids, got %d", MaxNodesPerQuery, len(ids))
	}
	return nil
}
