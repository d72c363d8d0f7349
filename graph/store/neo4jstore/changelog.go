package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// The change log is one (:Change) node per committed edit:
//
//	(:Change {seq, at, actor, action, elements, touches})
//
// seq is unique (a constraint, which also indexes it), at a datetime,
// elements the store.ElementChange list as JSON text (an element's before
// and after are documents, not graph values), and touches the ids the
// change concerns in the sense of store.ChangeQuery.Entity (its elements'
// ids and its relations' ends), a list that Changes filters on in Cypher.
// The same transaction raises the graph's version and its last seq, on
// the one (:GraphVersion) node (version.go).
const recordChangeQuery = `MERGE (v:GraphVersion {id: 'graph'})
ON CREATE SET v.epoch = randomUUID(), v.counter = 0
SET v.counter = v.counter + 1, v.seq = $seq
CREATE (:Change {seq: $seq, at: $at, actor: $actor, action: $action, elements: $elements, touches: $touches})`

// changeLogSchema is created with the graph's schema (ensureSchema), on a
// new database and on one written before the change log alike. It is not
// part of the Cypher export's schema (ScriptFor), which carries the graph
// without its history.
var changeLogSchema = []string{
	"CREATE CONSTRAINT " + changeSeqConstraint + " IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE",
}

// changeSeqConstraint makes each change's seq unique, and indexes it for
// the log's pages.
const changeSeqConstraint = "change_seq"

// recordChange appends c to the change log within a write's transaction.
func recordChange(ctx context.Context, tx neo4j.ManagedTransaction, c *store.Change) error {
	elements, err := json.Marshal(c.Elements)
	if err != nil {
		return err
	}
	return execute(ctx, tx, recordChangeQuery, map[string]any{
		"seq": c.Seq, "at": c.At, "actor": c.Actor, "action": c.Action,
		"elements": string(elements), "touches": touches(c),
	})
}

// touches lists, in order and once each, the ids for which c.Touches is true.
func touches(c *store.Change) []string {
	var ids []string
	for _, e := range c.Elements {
		ids = append(ids, e.ID)
		if e.Section != store.SectionRelations {
			continue
		}
		for _, raw := range []json.RawMessage{e.Before, e.After} {
			var r store.Relation
			if raw != nil && json.Unmarshal(raw, &r) == nil {
				ids = append(ids, r.FromID, r.ToID)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// changesQuery reads a page of the change log: every filter of
// store.ChangeQuery is a condition of its own, one more change than the
// page is read to tell whether another page follows.
const changesQuery = `MATCH (c:Change) WHERE c.seq > $after
  AND ($since IS NULL OR c.at >= $since)
  AND ($until IS NULL OR c.at <= $until)
  AND ($entity IS NULL OR $entity IN c.touches)
RETURN c.seq AS seq, c.at AS at, c.actor AS actor, c.action AS action, c.elements AS elements
ORDER BY c.seq LIMIT $limit`

// Changes implements store.Store in one query.
func (s *Store) Changes(ctx context.Context, q store.ChangeQuery) (*store.ChangePage, error) {
	if err := store.CheckChangeQuery(&q); err != nil {
		return nil, err
	}
	optional := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.UTC()
	}
	var entity any
	if q.Entity != "" {
		entity = q.Entity
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ChangePage, error) {
		recs, err := collect(ctx, tx, changesQuery, map[string]any{
			"after": q.After, "since": optional(q.Since), "until": optional(q.Until),
			"entity": entity, "limit": int64(q.First + 1),
		})
		if err != nil {
			return nil, err
		}
		page := &store.ChangePage{Changes: []*store.Change{}, HasNextPage: len(recs) > q.First}
		for _, rec := range recs[:min(len(recs), q.First)] {
			c, err := decodeChange(rec)
			if err != nil {
				return nil, err
			}
			page.Changes = append(page.Changes, c)
		}
		return page, nil
	})
}

// decodeChange reads one record of changesQuery.
func decodeChange(rec *neo4j.Record) (*store.Change, error) {
	c := &store.Change{}
	var err error
	if c.Seq, err = value[int64](rec, "seq"); err != nil {
		return nil, err
	}
	if c.At, err = value[time.Time](rec, "at"); err != nil {
		return nil, err
	}
	c.At = c.At.UTC()
	if c.Actor, err = value[string](rec, "actor"); err != nil {
		return nil, err
	}
	if c.Action, err = value[string](rec, "action"); err != nil {
		return nil, err
	}
	elements, err := value[string](rec, "elements")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(elements), &c.Elements); err != nil {
		return nil, fmt.Errorf("change %d: elements: %w", c.Seq, err)
	}
	return c, nil
}
