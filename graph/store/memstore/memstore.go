// Package memstore is the embedded store: the whole graph held in memory,
// with the indexes the queries need, and persisted to one bbolt file so that
// what Apply acknowledged survives a restart.
package memstore

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"kgraph/graph/store"
)

// Store is the embedded store. Reads run concurrently; writes run alone.
type Store struct {
	file *file

	mu       sync.RWMutex
	vocab    store.Vocabulary
	sources  map[string]*store.SourceDocument
	entities []*store.Entity          // in id order
	byID     map[string]*store.Entity // id -> entity
	rels     []rel                    // by number (see relNum)
	relOrder []relNum                 // relation numbers in id order
	extras   []relExtra
	// singleCitations finds the extra of relations with one citation and
	// no description.
	singleCitations map[store.Citation]int32
	// dates and types hold one copy of each date and relation type id
	// that relations refer to; citations, of each single citation that
	// relations and entities share.
	dates     sharedTable[store.PartialDate]
	types     sharedTable[string]
	citations map[store.Citation][]store.Citation
	touching  map[string][]relNum   // entity id -> its relations, in id order
	keys      map[string]packedKeys // id -> normalized names
	names     nameIndex             // what searches look up
	version   version               // raised by every write that changes the graph
	// lastAt is when the last change was committed: a change is never
	// dated before it, so that the log's times never go back even if the
	// clock does, and a time names one point of the log.
	lastAt time.Time
	// freeRels and freeExtras are the slots of deleted relations and of
	// their sources and descriptions, reused by the next ones stored, so
	// that deleting and adding relations does not grow the store.
	freeRels   []relNum
	freeExtras []int32
}

var _ store.Store = (*Store)(nil)

// Open opens (or creates) the data file at path and loads it into memory.
func Open(path string) (*Store, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	v, err := f.loadVersion()
	if err != nil {
		f.close()
		return nil, err
	}
	lastAt, err := f.lastChangeAt()
	if err != nil {
		f.close()
		return nil, err
	}
	s := &Store{file: f, version: v, lastAt: lastAt}
	if err := s.load(); err != nil {
		f.close()
		return nil, err
	}
	return s, nil
}

// Close closes the data file.
func (s *Store) Close() error {
	if s.file == nil {
		return nil
	}
	return s.file.close()
}

// Ping always succeeds: an open embedded store can always serve.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Vocabulary implements store.Store.
func (s *Store) Vocabulary(ctx context.Context) (*store.Vocabulary, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v := s.vocab
	return &v, nil
}

// SourceDocuments implements store.Store.
func (s *Store) SourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return lookupAll(s.sources, ids), nil
}

// Relations implements store.Store.
func (s *Store) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*store.Relation, len(ids))
	for i, id := range ids {
		if n, ok := s.findRelation(id); ok {
			out[i] = s.relation(n)
		}
	}
	return out, nil
}

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return lookupAll(s.byID, ids), nil
}

// ListEntities implements store.Store.
func (s *Store) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	// Clipped, so that a reader's append can never write into the
	// spare capacity Apply appends to.
	matching := slices.Clip(s.entities)
	if q.Kind != "" {
		matching = nil
		for _, e := range s.entities {
			if e.Kind == q.Kind {
				matching = append(matching, e)
			}
		}
	}
	page, more, err := store.Page(matching, entityID, q.First, q.After)
	if err != nil {
		return nil, err
	}
	return &store.EntityPage{Entities: page, TotalCount: len(matching), HasNextPage: more}, nil
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	words := strings.Fields(store.NormalizeText(q.Text))
	if len(words) == 0 {
		return []*store.Entity{}, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.search(words, q), nil
}

// ListRelations implements store.Store.
func (s *Store) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	if err := s.mustExist(q.From, q.To); err != nil {
		return nil, err
	}
	candidates := s.relOrder
	if q.From != "" {
		candidates = s.touching[q.From]
	} else if q.To != "" {
		candidates = s.touching[q.To]
	}
	var matching []relNum
	var v store.Relation
	for _, n := range candidates {
		if s.filterView(n, &v); q.Matches(&v) {
			matching = append(matching, n)
		}
	}
	page, more, err := store.Page(matching, func(n relNum) string { return s.rels[n].id }, q.First, q.After)
	if err != nil {
		return nil, err
	}
	return &store.RelationPage{Relations: s.relationsByNum(page), TotalCount: len(matching), HasNextPage: more}, nil
}

// RelationsOf implements store.Store.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := f.Check(&s.vocab); err != nil {
		return nil, err
	}
	return s.relationsOf(ids, f), nil
}

func (s *Store) relationsOf(ids []string, f store.RelationFilter) map[string][]*store.Relation {
	out := make(map[string][]*store.Relation, len(ids))
	var v store.Relation
	for _, id := range ids {
		for _, n := range s.touching[id] {
			if s.filterView(n, &v); f.Touches(&v, id, &s.vocab) {
				out[id] = append(out[id], s.relation(n))
			}
		}
	}
	return out
}

// touches reports whether relation n passes f as a relation of the entity id.
func (s *Store) touches(f *store.RelationFilter, n relNum, id string) bool {
	var v store.Relation
	s.filterView(n, &v)
	return f.Touches(&v, id, &s.vocab)
}

// Neighborhood implements store.Store.
func (s *Store) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	if err := s.mustExist(q.ID); err != nil {
		return nil, err
	}
	ids, rels, truncated, err := s.neighborhood(ctx, q)
	if err != nil {
		return nil, err
	}
	return &store.Subgraph{Entities: lookupAll(s.byID, ids), Relations: rels, Truncated: truncated}, nil
}

// ShortestPath implements store.Store.
func (s *Store) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	if err := s.mustExist(q.From, q.To); err != nil {
		return nil, err
	}
	ids, rels, err := s.shortestPath(ctx, q)
	if err != nil || ids == nil {
		return nil, err
	}
	return &store.Path{Entities: lookupAll(s.byID, ids), Relations: rels}, nil
}

// Timeline implements store.Store.
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	if err := s.mustExist(q.Entity); err != nil {
		return nil, err
	}
	candidates := s.relOrder
	if q.Entity != "" {
		candidates = s.touching[q.Entity]
	}
	out := []*store.Relation{}
	var v store.Relation
	for _, n := range candidates {
		if s.filterView(n, &v); q.Matches(&v) {
			out = append(out, s.relation(n))
		}
	}
	store.TimelineOrder(out)
	return out, nil
}

// Export implements store.Store.
func (s *Store) Export(ctx context.Context) (*store.Dataset, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snapshot(), nil
}

// snapshot copies the graph into a Dataset; the caller holds a lock.
func (s *Store) snapshot() *store.Dataset {
	d := &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   append([]store.EntityKind{}, s.vocab.EntityKinds...),
			RelationTypes: append([]store.RelationType{}, s.vocab.RelationTypes...),
		},
		Sources:   make([]store.SourceDocument, 0, len(s.sources)),
		Entities:  make([]store.Entity, len(s.entities)),
		Relations: make([]store.Relation, len(s.relOrder)),
	}
	for _, src := range s.sources {
		d.Sources = append(d.Sources, *src)
	}
	sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].ID < d.Sources[j].ID })
	for i, e := range s.entities {
		d.Entities[i] = *e
	}
	for i, n := range s.relOrder {
		s.view(n, &d.Relations[i])
	}
	return d
}

func (s *Store) mustExist(ids ...string) error {
	for _, id := range ids {
		if id != "" && s.byID[id] == nil {
			return store.Errorf(store.ENOTFOUND, "no entity has the id %q", id)
		}
	}
	return nil
}

// lookupAll returns m's values for ids, in order, nil where an id is missing.
func lookupAll[T any](m map[string]*T, ids []string) []*T {
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out
}

func entityID(e *store.Entity) string { return e.ID }

// AnswersInMemory reports that the store answers without I/O, so that the
// API calls it directly instead of gathering lookups into batches.
func (s *Store) AnswersInMemory() bool { return true }
