package neo4jstore

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// An entity's or relation's store.Meta is kept as native properties of
// its node or relationship, beside its own (model.go), so that Cypher
// users and Neo4j's tools read who changed what and when: version is an
// integer, createdAt and updatedAt are datetime values. An element written
// before the change log has none of them, which means version 1, authors
// unknown.
const (
	keyVersion   = "version"
	keyCreatedAt = "createdAt"
	keyCreatedBy = "createdBy"
	keyUpdatedAt = "updatedAt"
	keyUpdatedBy = "updatedBy"
)

// setMeta adds m's properties to p; unknown times and authors are left out.
func (p props) setMeta(m store.Meta) {
	p[keyVersion] = m.Version
	p.setString(keyCreatedBy, m.CreatedBy)
	p.setString(keyUpdatedBy, m.UpdatedBy)
	for key, at := range map[string]time.Time{keyCreatedAt: m.CreatedAt, keyUpdatedAt: m.UpdatedAt} {
		if !at.IsZero() {
			p[key] = at.UTC()
		}
	}
}

// decodeMeta reads the Meta properties of a property map; ok is false when
// it has no version, as an element written before the change log.
func decodeMeta(p map[string]any) (m store.Meta, ok bool) {
	version, ok := p[keyVersion].(int64)
	if !ok {
		return store.Meta{}, false
	}
	m = store.Meta{Version: version}
	m.CreatedBy, _ = p[keyCreatedBy].(string)
	m.UpdatedBy, _ = p[keyUpdatedBy].(string)
	if at, isTime := p[keyCreatedAt].(time.Time); isTime {
		m.CreatedAt = at.UTC()
	}
	if at, isTime := p[keyUpdatedAt].(time.Time); isTime {
		m.UpdatedAt = at.UTC()
	}
	return m, true
}

// metaMap is the Cypher projection of the id and Meta properties of the
// node or relationship variable v.
func metaMap(v string) string {
	return v + " {.id, ." + keyVersion + ", ." + keyCreatedAt + ", ." + keyCreatedBy + ", ." + keyUpdatedAt + ", ." + keyUpdatedBy + "}"
}

// Metas implements store.Store: the vocabulary (for the relationship
// types' id indexes), then one query for the entities and relations.
func (s *Store) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Meta, error) {
		out := make([]*store.Meta, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		relations, err := storedRelationsWithIDs(ctx, tx, "$ids", len(ids))
		if err != nil {
			return nil, err
		}
		rec, err := single(ctx, tx, `
CALL { MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(`+metaMap("n")+`) AS entities }
CALL { `+relations+` RETURN collect(`+metaMap("r")+`) AS relations }
RETURN entities + relations AS metas`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		maps, err := value[[]any](rec, "metas")
		if err != nil {
			return nil, err
		}
		found := make(map[string]*store.Meta, len(maps))
		for _, x := range maps {
			p, _ := x.(map[string]any)
			id, _ := p[keyID].(string)
			m, ok := decodeMeta(p)
			if !ok {
				m = store.Meta{Version: 1}
			}
			found[id] = &m
		}
		for i, id := range ids {
			if m := found[id]; m != nil {
				copied := *m
				out[i] = &copied
			}
		}
		return out, nil
	})
}
