package neo4jstore

import "kgraph/graph/store"

// A relationship keeps the bounds of its period as YYYYMMDD integers (see
// store.PartialDate.First and Last), absent when the date is unknown:
// startFirst, the first day of Start, and endLast, the last day of End.
// Those two are all the date rules of package store compare, so the rules
// run in Cypher, before any relation is sent back.

// inForce is store.InForce(r.Start, r.End, at) in Cypher, for $atFirst and $atLast.
const inForce = "(r.startFirst IS NULL OR r.startFirst <= $atLast) AND (r.endLast IS NULL OR r.endLast >= $atFirst)"

// atParams sets the parameters inForce reads.
func atParams(params map[string]any, at *store.PartialDate) {
	params["atFirst"] = int64(at.First())
	params["atLast"] = int64(at.Last())
}

// dateBounds returns the startFirst and endLast of a relation, nil for an
// unknown date (which SET turns into an absent property).
func dateBounds(r store.Relation) (startFirst, endLast any) {
	if r.Start != nil {
		startFirst = int64(r.Start.First())
	}
	if r.End != nil {
		endLast = int64(r.End.Last())
	}
	return startFirst, endLast
}
