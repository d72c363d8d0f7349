package store

// Relation is a typed, directed, dated edge between two entities.
type Relation struct {
	// ID is a stable, readable slug.
	ID string `json:"id"`
	// Type is the id of one of the vocabulary's relation types.
	Type string `json:"type"`
	// FromID is the id of the entity the relation goes from (its subject).
	FromID string `json:"from"`
	// ToID is the id of the entity the relation goes to (its object).
	ToID string `json:"to"`
	// Start is when the relation began; for a point event, Start equals End.
	Start *PartialDate `json:"start,omitempty"`
	// End is when the relation ended, if it did and it is known.
	End *PartialDate `json:"end,omitempty"`
	// Descriptions says in a sentence what happened, per language.
	Descriptions Texts `json:"descriptions,omitempty"`
	// Sources cites where the relation is stated; at least one is required.
	Sources []Citation `json:"sources"`
}

// Dated reports whether the relation has a start or an end.
func (r *Relation) Dated() bool { return r.Start != nil || r.End != nil }

// Other returns the id at the other end of the relation from id.
func (r *Relation) Other(id string) string {
	if r.FromID == id {
		return r.ToID
	}
	return r.FromID
}

// timeKey is the day a relation is placed at on a timeline: its start, or
// its end when the start is unknown.
func (r *Relation) timeKey() int {
	if r.Start != nil {
		return r.Start.First()
	}
	if r.End != nil {
		return r.End.First()
	}
	return 0
}
