package store

import "context"

// Store is the knowledge graph's storage. Every implementation gives the
// same answer to the same call: graph/store/storetest proves it.
//
// Queries are checked against the limits below and the stored vocabulary
// before anything is read: a bad argument is an EINVALID error that says
// which argument and what is allowed, never a silently shortened answer.
// An EUNAVAILABLE error means the backing database could not be reached.
type Store interface {
	// Vocabulary returns the entity kinds and relation types in id order.
	Vocabulary(ctx context.Context) (*Vocabulary, error)

	// SourceDocuments returns the documents with the given ids, in the
	// order asked, with nil where an id is unknown.
	SourceDocuments(ctx context.Context, ids []string) ([]*SourceDocument, error)

	// Entities returns the entities with the given ids, in the order asked,
	// with nil where an id is unknown. It is the batch behind the API's
	// data loaders.
	Entities(ctx context.Context, ids []string) ([]*Entity, error)

	// Relations returns the relations with the given ids, in the order
	// asked, with nil where an id is unknown. With Entities and
	// SourceDocuments it is the batch behind the API's node lookups.
	Relations(ctx context.Context, ids []string) ([]*Relation, error)

	// Version names the graph's current content: it changes with every
	// Apply that changes the graph, and is the same for every reader of one
	// content, so it can key a cache (the API's ETags). It is never reused
	// for another content, even after the data is wiped and loaded again.
	Version(ctx context.Context) (string, error)

	// ListEntities returns a page of entities in id order. EINVALID for an
	// unknown kind, a bad cursor or a page size out of range.
	ListEntities(ctx context.Context, q EntityQuery) (*EntityPage, error)

	// Search finds entities whose labels or aliases, in any language, match
	// the text (see MatchScore), best match first. EINVALID for an empty
	// text or a size out of range.
	Search(ctx context.Context, q SearchQuery) ([]*Entity, error)

	// ListRelations returns a page of relations in id order. EINVALID for an
	// unknown type, a bad cursor or a page size out of range; ENOTFOUND when
	// From or To names no entity.
	ListRelations(ctx context.Context, q RelationQuery) (*RelationPage, error)

	// RelationsOf returns, for each of the ids, the relations that touch it
	// and pass the filter, in id order. It is the batch behind
	// Entity.relations and Entity.neighbors. EINVALID for an unknown type.
	RelationsOf(ctx context.Context, ids []string, f RelationFilter) (map[string][]*Relation, error)

	// Neighborhood returns the entities within Depth hops of the root and the
	// relations that link them (see NeighborhoodQuery). ENOTFOUND for an
	// unknown root; EINVALID for arguments out of range.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)

	// ShortestPath returns the shortest path between two entities, following
	// relations in either direction, or nil when there is none within
	// MaxDepth. Among paths of equal length it returns the one whose
	// relation ids, read from From, sort first. ENOTFOUND for an unknown end.
	ShortestPath(ctx context.Context, q PathQuery) (*Path, error)

	// Timeline returns the dated relations that pass the query, in
	// chronological order (see TimelineOrder). ENOTFOUND for an unknown entity.
	Timeline(ctx context.Context, q TimelineQuery) ([]*Relation, error)

	// Existing returns those of ids that name an element the store holds
	// in the section (SectionEntityKinds, SectionRelationTypes,
	// SectionSources, SectionEntities or SectionRelations), in the order
	// given, each once; never nil. It reads only those elements, so that an
	// import can check a file against a large graph without reading all of
	// it. EINVALID for any other section.
	Existing(ctx context.Context, section string, ids []string) ([]string, error)
	// ChangesBetween compares the graph at two moments: the relations
	// added, ended and held between them (see ChangesQuery). EINVALID for
	// From after To, a depth out of range, an unknown type or more than
	// MaxComparisonRelations relations; ENOTFOUND for an unknown entity.
	ChangesBetween(ctx context.Context, q ChangesQuery) (*Comparison, error)

	// Languages returns the language tags of the entities' labels, aliases
	// and descriptions, in tag order.
	Languages(ctx context.Context) ([]string, error)

	// Export returns the whole graph, every section in id order.
	Export(ctx context.Context) (*Dataset, error)

	// Apply adds the dataset to the graph: elements with a known id are
	// replaced, others added. It is idempotent, and all or nothing: the
	// merged graph is validated first, and an EINVALID error lists every
	// problem. With DryRun it only reports what would change. When Apply
	// returns without error the change is durable. It is a Write of
	// d (Action "import", Actor from opts) without version checks, recorded
	// in the change log like any other; it is kept as its own method so
	// that a large import can be written in batches.
	Apply(ctx context.Context, d *Dataset, opts ApplyOptions) (*ApplyResult, error)

	// Write commits one edit, all or nothing (see Edit and PlanEdit for
	// its rules and errors: ECONFLICT, ENOTFOUND, EINVALID), records it in
	// the change log and returns the log's entry. An edit that changes
	// nothing returns a Change with Seq 0 and no elements, and writes
	// nothing. Writes are serialized: each sees the one before it. When
	// Write returns without error the change is durable (synced to disk,
	// or committed by the database).
	Write(ctx context.Context, e *Edit) (*Change, error)

	// Changes returns a page of the change log, oldest first. EINVALID for
	// arguments out of range (see CheckChangeQuery).
	Changes(ctx context.Context, q ChangeQuery) (*ChangePage, error)

	// Metas returns the Meta of the entities or relations with the given
	// ids, in the order asked, with nil where an id names neither.
	Metas(ctx context.Context, ids []string) ([]*Meta, error)

	// Ping reports whether the store can serve queries now (EUNAVAILABLE if not).
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close() error
}

// Limits of the queries. Asking for more is an EINVALID error.
const (
	// DefaultPageSize is the page size when a query gives none.
	DefaultPageSize = 20
	// MaxPageSize is the largest page a connection returns.
	MaxPageSize = 500
	// DefaultSearchSize is how many search hits are returned when first is not given.
	DefaultSearchSize = 10
	// MaxSearchSize is the most search hits one query returns.
	MaxSearchSize = 100
	// MaxSearchTextLength is the longest search text, in characters.
	MaxSearchTextLength = 200
	// DefaultNeighborhoodDepth is the depth of a neighborhood when the API
	// or an export gives none (the store itself wants one).
	DefaultNeighborhoodDepth = 1
	// MaxNeighborhoodDepth is the deepest neighborhood.
	MaxNeighborhoodDepth = 4
	// DefaultNeighborhoodLimit is the entity limit of a neighborhood when none is given.
	DefaultNeighborhoodLimit = 200
	// MaxNeighborhoodLimit is the most entities a neighborhood returns.
	MaxNeighborhoodLimit = 1000
	// DefaultPathDepth is the longest path searched when maxDepth is not given.
	DefaultPathDepth = 6
	// MaxPathDepth is the longest path that can be asked for.
	MaxPathDepth = 10
	// MaxTypesPerQuery is the most relation types one filter may name.
	MaxTypesPerQuery = 50
)

// Direction says which relations of an entity a query follows.
type Direction string

// The directions. A relation of a symmetric type counts as both OUT and IN.
const (
	// DirectionOut follows relations from the entity.
	DirectionOut Direction = "OUT"
	// DirectionIn follows relations to the entity.
	DirectionIn Direction = "IN"
	// DirectionBoth follows relations either way.
	DirectionBoth Direction = "BOTH"
)

// IsValid reports whether d is one of the three directions.
func (d Direction) IsValid() bool {
	return d == DirectionOut || d == DirectionIn || d == DirectionBoth
}

// EntityQuery selects a page of entities.
type EntityQuery struct {
	// Kind keeps only entities of this kind, when not "".
	Kind string
	// First is the page size (0 means DefaultPageSize).
	First int
	// After is the cursor of the last entity of the previous page.
	After string
}

// EntityPage is a page of entities.
type EntityPage struct {
	// Entities are the page's entities, in id order.
	Entities []*Entity
	// TotalCount counts every entity the query matches, on all pages.
	TotalCount int
	// HasNextPage is true when entities follow this page.
	HasNextPage bool
}

// SearchQuery is a text search.
type SearchQuery struct {
	// Text is what to look for; see NormalizeText for what counts as equal.
	Text string
	// Lang, when not "", ranks labels in that language first.
	Lang string
	// First is how many hits to return (0 means DefaultSearchSize).
	First int
}

// RelationFilter narrows the relations of an entity.
type RelationFilter struct {
	// Direction is OUT, IN or BOTH ("" means BOTH).
	Direction Direction
	// Types keeps only relations of these types, when not empty.
	Types []string
	// At keeps only relations in force at some time within it (see InForce).
	At *PartialDate
}

// RelationQuery selects a page of relations.
type RelationQuery struct {
	// Types keeps only relations of these types, when not empty.
	Types []string
	// From keeps only relations from this entity, when not "".
	From string
	// To keeps only relations to this entity, when not "".
	To string
	// At keeps only relations in force at some time within it (see InForce).
	At *PartialDate
	// First is the page size (0 means DefaultPageSize).
	First int
	// After is the cursor of the last relation of the previous page.
	After string
}

// RelationPage is a page of relations.
type RelationPage struct {
	// Relations are the page's relations, in id order.
	Relations []*Relation
	// TotalCount counts every relation the query matches, on all pages.
	TotalCount int
	// HasNextPage is true when relations follow this page.
	HasNextPage bool
}

// NeighborhoodQuery asks for the part of the graph around one entity.
//
// The neighborhood holds the root and every entity reachable from it in at
// most Depth hops over relations that pass the filter, followed in either
// direction, and every such relation that touches an entity fewer than
// Depth hops away. Entities are taken nearest first, then in id order; when
// there are more than Limit, the rest are left out and Truncated is set.
type NeighborhoodQuery struct {
	// ID is the root entity.
	ID string
	// Depth is the number of hops, 1 to MaxNeighborhoodDepth.
	Depth int
	// Types keeps only relations of these types, when not empty.
	Types []string
	// At keeps only relations in force at some time within it.
	At *PartialDate
	// Limit is the most entities to return (0 means DefaultNeighborhoodLimit).
	Limit int
}

// Subgraph is a set of entities and the relations among them: the shape
// graph visualization tools draw.
type Subgraph struct {
	// Entities are the nodes, nearest the root first, then in id order.
	Entities []*Entity
	// Relations are the edges, in id order; both ends of each are in Entities.
	Relations []*Relation
	// Truncated is true when Limit left entities out.
	Truncated bool
}

// PathQuery asks for the shortest path between two entities.
type PathQuery struct {
	// From is the entity the path starts at.
	From string
	// To is the entity the path ends at.
	To string
	// Types keeps only relations of these types, when not empty.
	Types []string
	// MaxDepth is the longest path to look for (0 means DefaultPathDepth).
	MaxDepth int
	// At keeps only relations in force at some time within it.
	At *PartialDate
}

// Path is a walk through the graph from one entity to another.
type Path struct {
	// Entities are the entities in order, From first and To last.
	Entities []*Entity
	// Relations are the relations in order; Relations[i] links Entities[i]
	// and Entities[i+1], in whichever direction it points.
	Relations []*Relation
}

// TimelineQuery selects dated relations for a timeline.
type TimelineQuery struct {
	// Entity keeps only relations that touch this entity, when not "".
	Entity string
	// From keeps only relations that hold at some time on or after it.
	From *PartialDate
	// To keeps only relations that hold at some time on or before it.
	To *PartialDate
	// Types keeps only relations of these types, when not empty.
	Types []string
}

// ApplyOptions tunes Store.Apply.
type ApplyOptions struct {
	// DryRun reports what would change and changes nothing.
	DryRun bool
	// Actor is recorded in the change log as who imported; "" means "import".
	Actor string
}

// ApplyResult counts what Apply changed (or, with DryRun, would change).
type ApplyResult struct {
	// Created counts elements whose id was new.
	Created int
	// Updated counts elements whose id existed with different content.
	Updated int
	// Unchanged counts elements that were already stored as given.
	Unchanged int
}

// Length is the number of relations on the path.
func (p *Path) Length() int { return len(p.Relations) }
