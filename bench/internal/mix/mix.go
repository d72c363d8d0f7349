// Package mix is the comparison's query mix: the five operations every
// system answers, their arguments, and the one form their answers are
// compared in, whatever shape each system sends them in.
package mix

import "sort"

// The operations of the mix.
const (
	// Q1 is an entity by id: its id, kind and English name.
	Q1 = "q1"
	// Q2 is an entity's outgoing relations of the directed types, each with
	// its type, dates and the target's id and name.
	Q2 = "q2"
	// Q3 is the ids of the entities within two hops of an entity, either way.
	Q3 = "q3"
	// Q4 is the shortest path between two entities: its relation ids.
	Q4 = "q4"
	// Q5 is the ids of the entities whose English name starts with a text.
	Q5 = "q5"
)

// Operations lists the operations in order.
var Operations = []string{Q1, Q2, Q3, Q4, Q5}

// Describe says what each operation asks, for reports.
var Describe = map[string]string{
	Q1: "entity by id",
	Q2: "outgoing relations with type, dates, target id and name",
	Q3: "ids of the depth-2 neighbourhood",
	Q4: "shortest path between entities 4 hops apart",
	Q5: "English-name prefix search",
}

// DirectedTypes are the relation types Q2 follows: the synthetic graph's
// types that are not symmetric, since a symmetric relation has no one
// direction to call outgoing.
var DirectedTypes = []string{"LED", "MEMBER_OF", "PART_OF", "SIGNED", "SUCCEEDED"}

// MaxPathDepth bounds the path search of Q4.
const MaxPathDepth = 10

// SearchLimit is how many hits Q5 asks for.
const SearchLimit = 10

// Args are the arguments of one run of the mix, picked from the graph.
type Args struct {
	// Entity is the entity Q1, Q2 and Q3 ask about.
	Entity string `json:"entity"`
	// From and To are the ends of Q4's path.
	From string `json:"from"`
	To   string `json:"to"`
	// Prefix is Q5's search text.
	Prefix string `json:"prefix"`
}

// Entity is the answer to Q1.
type Entity struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Relation is one relation of Q2's answer.
type Relation struct {
	ID     string  `json:"id"`
	Type   string  `json:"type"`
	Start  *string `json:"start"`
	End    *string `json:"end"`
	ToID   string  `json:"toId"`
	ToName string  `json:"toName"`
}

// Relations puts Q2's answer in id order.
func Relations(rs []Relation) []Relation {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// IDs puts an answer made of ids (Q3, Q5) in order; a path (Q4) keeps its own.
func IDs(ids []string) []string {
	sort.Strings(ids)
	return ids
}
