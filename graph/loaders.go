package graph

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"kgraph/graph/store"
)

// Loaders batch the lookups that nested fields make, so that a list of N
// relations costs one store call for their entities, not N. They live for
// one request: each request sees the store as it is.
type Loaders struct {
	entities  loader[string, *store.Entity]
	documents loader[string, *store.SourceDocument]
	// metas holds the version and audit fields of entities and relations.
	metas       loader[string, *store.Meta]
	relationsOf func(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, error)
	// nodes finds any node by id (see nodesFetcher).
	nodes loader[string, store.Node]
	// vocabulary is read at most once per request, however many entities
	// and relations ask for their kind or type.
	vocabulary func() (*store.Vocabulary, error)
	// readWithEnds reads relations with the entities at their ends, which
	// it makes entities find loaded; nil when the store cannot in one
	// round trip (see store.EndsReader).
	readWithEnds func(context.Context, []string, store.RelationFilter) (*store.WithEnds, error)
	// prefetched holds relation lists read ahead of their field (see
	// entityWithRelations).
	prefetched *prefetched
}

// loader is what the resolvers ask of a loader: a batching one for a store
// across a network, a direct one for a store in memory.
type loader[K comparable, V any] interface {
	Load(ctx context.Context, key K) (V, error)
	LoadAll(ctx context.Context, keys []K) ([]V, error)
}

// InMemory is implemented by stores that answer a lookup in memory, in
// microseconds: for them a batching window would only add its wait to every
// level of nesting, so their loaders call through at once.
type InMemory interface {
	// AnswersInMemory reports whether the store answers without I/O.
	AnswersInMemory() bool
}

// relationsKey asks for the relations of one entity under one filter.
type relationsKey struct {
	id     string
	filter string // the filter as JSON, so that it can be a map key
	ends   bool   // whether the entities at the relations' ends are wanted too
}

// loaderWait is how long a loader gathers keys before it calls the store.
// gqlgen resolves the items of a list in goroutines, which on a small
// machine take a few hundred microseconds to all start; a shorter window
// splits one level into several batches, and against Neo4j every extra
// batch costs a network round trip. Each level of nesting pays it once.
const loaderWait = time.Millisecond

// NewLoaders returns loaders that read from s.
func NewLoaders(ctx context.Context, s store.Store) *Loaders {
	vocabulary := sync.OnceValues(func() (*store.Vocabulary, error) { return s.Vocabulary(ctx) })
	if m, ok := s.(InMemory); ok && m.AnswersInMemory() {
		return &Loaders{
			vocabulary:  vocabulary,
			entities:    direct[string, *store.Entity](s.Entities),
			documents:   direct[string, *store.SourceDocument](s.SourceDocuments),
			metas:       direct[string, *store.Meta](s.Metas),
			relationsOf: directRelationsOf(s),
			nodes:       direct[string, store.Node](unbatched(nodesFetcher(s))),
		}
	}
	entities := dataloadgen.NewLoader(byIDs(s.Entities), dataloadgen.WithWait(loaderWait))
	readWithEnds := endsReader(s, func(ends map[string]*store.Entity) {
		for id, e := range ends {
			entities.Prime(id, e)
		}
	})
	readRelations := relationsReader(s, readWithEnds)
	relations := dataloadgen.NewLoader(relationsOfFetcher(readRelations), dataloadgen.WithWait(loaderWait))
	l := &Loaders{
		vocabulary:   vocabulary,
		readWithEnds: readWithEnds,
		prefetched:   &prefetched{},
		entities:     batchedInLists[string, *store.Entity]{direct[string, *store.Entity](s.Entities), entities},
		documents: batchedInLists[string, *store.SourceDocument]{direct[string, *store.SourceDocument](s.SourceDocuments),
			dataloadgen.NewLoader(byIDs(s.SourceDocuments), dataloadgen.WithWait(loaderWait))},
		metas: batchedInLists[string, *store.Meta]{direct[string, *store.Meta](s.Metas),
			dataloadgen.NewLoader(byIDs(s.Metas), dataloadgen.WithWait(loaderWait))},
		nodes: batchedInLists[string, store.Node]{direct[string, store.Node](unbatched(nodesFetcher(s))),
			dataloadgen.NewLoader(nodesFetcher(s), dataloadgen.WithWait(loaderWait))},
	}
	l.relationsOf = func(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, error) {
		b, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		key := relationsKey{id: id, filter: string(b), ends: endsWanted(ctx)}
		if rels, ok := l.prefetched.get(key); ok {
			return rels, nil
		}
		if alone(ctx) {
			m, err := readRelations(ctx, []string{id}, f, key.ends)
			return m[id], err
		}
		return relations.Load(ctx, key)
	}
	if m, ok := s.(MemoryFirst); ok {
		l.peekFirst(m)
	}
	return l
}

// refresh forgets what the loaders have read, after a write: the fields of
// a mutation's payload, and the mutations after it, read the graph as the
// write left it. Mutations run one after another, so nothing reads the
// loaders while they are replaced.
func (l *Loaders) refresh(ctx context.Context, s store.Store) {
	*l = *NewLoaders(ctx, s)
}

// unbatched turns a loader's fetch function, which reports errors per
// key, back into a batch lookup for direct.
func unbatched[K comparable, V any](fetch func(context.Context, []K) ([]V, []error)) func(context.Context, []K) ([]V, error) {
	return func(ctx context.Context, keys []K) ([]V, error) {
		values, errs := fetch(ctx, keys)
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
		return values, nil
	}
}

// direct is a loader that calls the store's batch lookup at once, for
// stores where a call costs less than gathering keys would.
type direct[K comparable, V any] func(context.Context, []K) ([]V, error)

// Load implements loader.
func (get direct[K, V]) Load(ctx context.Context, key K) (V, error) {
	var zero V
	values, err := get(ctx, []K{key})
	if err != nil || len(values) == 0 {
		return zero, err
	}
	return values[0], nil
}

// LoadAll implements loader.
func (get direct[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	return get(ctx, keys)
}

// directRelationsOf asks the store for one entity's relations at once.
func directRelationsOf(s store.Store) func(context.Context, string, store.RelationFilter) ([]*store.Relation, error) {
	return func(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, error) {
		m, err := s.RelationsOf(ctx, []string{id}, f)
		if err != nil {
			return nil, err
		}
		return m[id], nil
	}
}

// byIDs adapts a store's batch lookup (one result per id, nil when unknown)
// to a loader's fetch function.
func byIDs[T any](get func(context.Context, []string) ([]*T, error)) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		values, err := get(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return values, nil
	}
}

// relationsOfFetcher groups the keys by filter (and whether ends are
// wanted) and reads once per group.
func relationsOfFetcher(read func(context.Context, []string, store.RelationFilter, bool) (map[string][]*store.Relation, error)) func(context.Context, []relationsKey) ([][]*store.Relation, []error) {
	return func(ctx context.Context, keys []relationsKey) ([][]*store.Relation, []error) {
		type group struct {
			filter string
			ends   bool
		}
		byGroup := map[group][]string{}
		for _, k := range keys {
			g := group{k.filter, k.ends}
			byGroup[g] = append(byGroup[g], k.id)
		}
		found := map[relationsKey][]*store.Relation{}
		for g, ids := range byGroup {
			var f store.RelationFilter
			if err := json.Unmarshal([]byte(g.filter), &f); err != nil {
				return nil, []error{err}
			}
			m, err := read(ctx, ids, f, g.ends)
			if err != nil {
				return nil, []error{err}
			}
			for id, rels := range m {
				found[relationsKey{id, g.filter, g.ends}] = rels
			}
		}
		out := make([][]*store.Relation, len(keys))
		for i, k := range keys {
			out[i] = found[k]
		}
		return out, nil
	}
}

type loadersKey struct{}

// WithLoaders is middleware that gives each request its own loaders.
func WithLoaders(s store.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(ContextWithLoaders(r.Context(), s)))
	})
}

// ContextWithLoaders returns ctx with fresh loaders: one request's, or, on
// a long-lived subscription, one event's, so that no event is answered
// from what an earlier one cached.
func ContextWithLoaders(ctx context.Context, s store.Store) context.Context {
	return context.WithValue(withAsOfRegistry(ctx), loadersKey{}, NewLoaders(ctx, s))
}

// loaders returns the request's loaders, or fresh ones when the request
// came in without them (as in a direct call of the executable schema).
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(ctx, r.Store)
}

// vocabulary returns the vocabulary of the store obj was read from, read
// once per request.
func (r *Resolver) vocabulary(ctx context.Context, obj any) (*store.Vocabulary, error) {
	return r.loadersOf(ctx, obj).vocabulary()
}

// entity loads one entity from the store obj was read from; an id that
// names nothing is an internal error, since relations only point at
// stored entities.
func (r *Resolver) entity(ctx context.Context, obj any, id string) (*store.Entity, error) {
	e, err := r.loadersOf(ctx, obj).entities.Load(ctx, id)
	if err == nil && e == nil {
		// The graph is edited while it is read: the entity was deleted
		// after the relation was read (or announced by graphChanged).
		return nil, store.Errorf(store.ENOTFOUND, "the entity %q no longer exists: it was deleted after this relation was read", id)
	}
	return e, err
}

// relationsOf loads the relations of the entity obj that pass the filter.
func (r *Resolver) relationsOf(ctx context.Context, obj *store.Entity, f store.RelationFilter) ([]*store.Relation, error) {
	return r.loadersOf(ctx, obj).relationsOf(ctx, obj.ID, f)
}
