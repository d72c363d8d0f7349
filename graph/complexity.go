package graph

import "kgraph/graph/store"

// DefaultMaxComplexity is the default bound on a query's estimated work:
// the fields it resolves and the entities a traversal visits, each list
// counted at its page size or limit, or at its expected length when
// nothing bounds it. The schema documents it. It lets the explorer draw
// twenty default neighbourhoods in one request, or one of 1000 entities
// with their labels and citations.
const DefaultMaxComplexity = 250000

// Estimates of how many items a list or a traversal may produce, where its
// arguments do not bound it. gqlgen counts one per field by default, which
// lets a query nest lists in lists and fan out exponentially for the price
// of a few fields; multiplying a list's children by its length makes such
// a query exceed the limit, with a clear error, before it runs.
const (
	// expectedDegree is the number of neighbours an entity is assumed to have.
	expectedDegree = 50
	// expectedTimeline is the number of dated relations a timeline is
	// assumed to hold.
	expectedTimeline = 500
	// relationsPerSubgraphEntity is the number of relations a neighbourhood
	// is assumed to hold for each of its entities (the seed has at most 3.3).
	relationsPerSubgraphEntity = 4
	// expectedLabels is the number of labels, aliases or citations a
	// node is assumed to have.
	expectedLabels = 10
	// expectedVocabulary is the number of entity kinds or relation types
	// assumed.
	expectedVocabulary = 50
	// pathVisitsPerHop is the number of entities a shortest-path search is
	// assumed to visit for each hop it may take.
	pathVisitsPerHop = 200
)

// costCeiling is where costs stop growing: far above any limit, and far
// enough below the largest int that gqlgen's sums of costs cannot wrap.
const costCeiling = 1 << 31

// NewComplexity returns the complexity functions of the list fields and
// traversals. Every product and sum saturates at costCeiling, so a query
// nested a hundred levels deep scores as refused, never as a wrapped,
// small number.
func NewComplexity() ComplexityRoot {
	var c ComplexityRoot
	c.Query.Entities = func(child int, _ *string, first *int, _ *string) int {
		return list(child, orDefault(first, store.DefaultPageSize))
	}
	c.Query.Relations = func(child int, _ []string, _, _ *string, _ *store.PartialDate, _ *store.AsOf, first *int, _ *string) int {
		return list(child, orDefault(first, store.DefaultPageSize))
	}
	c.Query.Nodes = func(child int, ids []string) int {
		return list(child, len(ids))
	}
	c.Query.Search = func(child int, _ string, _ *string, first *int) int {
		return list(child, orDefault(first, store.DefaultSearchSize))
	}
	c.Query.Neighborhood = func(child int, _ string, depth *int, _ []string, _ *store.PartialDate, _ *store.AsOf, limit *int) int {
		// Each hop may visit up to limit entities; the answer holds up to
		// limit entities, each with its selection.
		n := orDefault(limit, store.DefaultNeighborhoodLimit)
		return satAdd(satMul(orDefault(depth, 1), n), list(child, n))
	}
	c.Query.ShortestPath = func(child int, _, _ string, _ []string, maxDepth *int, _ *store.PartialDate, _ *store.AsOf) int {
		hops := orDefault(maxDepth, store.DefaultPathDepth)
		return satAdd(satMul(hops, pathVisitsPerHop), list(child, satAdd(hops, 1)))
	}
	c.Query.Timeline = func(child int, _ *string, _, _ *store.PartialDate, _ []string, _ *store.AsOf) int {
		return list(child, expectedTimeline)
	}
	// The entity's own neighborhood, path and timeline cost what the
	// Query's do.
	c.Entity.Neighborhood = func(child int, depth *int, types []string, at *store.PartialDate, limit *int) int {
		return c.Query.Neighborhood(child, "", depth, types, at, nil, limit)
	}
	c.Entity.PathTo = func(child int, to string, types []string, maxDepth *int, at *store.PartialDate) int {
		return c.Query.ShortestPath(child, "", to, types, maxDepth, at, nil)
	}
	c.Entity.Timeline = func(child int, from, to *store.PartialDate, types []string) int {
		return c.Query.Timeline(child, nil, from, to, types, nil)
	}
	// A comparison reads up to MaxComparisonRelations relations, and each
	// of its three lists may hold them all.
	c.Query.ChangesBetween = func(child int, _, _ store.PartialDate, _ *string, _ *int, _ []string) int {
		return satAdd(store.MaxComparisonRelations, child)
	}
	comparisonList := func(child int) int { return list(child, store.MaxComparisonRelations) }
	c.Comparison.Added, c.Comparison.Ended, c.Comparison.Held = comparisonList, comparisonList, comparisonList
	c.Entity.Relations = func(child int, _ *store.Direction, _ []string, _ *store.PartialDate, first *int, _ *string) int {
		return list(child, orDefault(first, store.DefaultPageSize))
	}
	c.Entity.Neighbors = func(child int, _ *store.Direction, _ []string, _ *store.PartialDate) int {
		return list(child, expectedDegree)
	}
	c.Subgraph.Relations = func(child int) int { return list(child, relationsPerSubgraphEntity) }
	c.Subgraph.RelationIDs = c.Subgraph.Relations
	small := func(child int) int { return list(child, expectedLabels) }
	c.Entity.Labels, c.Entity.Aliases, c.Entity.Sources = small, small, small
	c.Relation.Sources = small
	c.EntityKind.Labels = small
	c.RelationType.Labels, c.RelationType.InverseLabels = small, small
	vocabulary := func(child int) int { return list(child, expectedVocabulary) }
	c.Vocabulary.EntityKinds, c.Vocabulary.RelationTypes = vocabulary, vocabulary
	return c
}

// list is the cost of a list of n items, each costing child, plus the
// field itself.
func list(child, n int) int {
	return satAdd(1, satMul(max(child, 1), n))
}

// orDefault is the number an argument asks for, or def when it is absent.
// Nonsense values (0, negative) are refused by the store; they cost as
// the default here.
func orDefault(v *int, def int) int {
	if v == nil || *v < 1 {
		return def
	}
	return *v
}

// satAdd is a+b for non-negative costs, capped at costCeiling.
func satAdd(a, b int) int {
	a, b = max(a, 0), max(b, 0)
	if a >= costCeiling || b >= costCeiling-a {
		return costCeiling
	}
	return a + b
}

// satMul is a*b for non-negative costs, capped at costCeiling.
func satMul(a, b int) int {
	a, b = max(a, 0), max(b, 0)
	if a == 0 || b == 0 {
		return 0
	}
	if a >= costCeiling/b {
		return costCeiling
	}
	return a * b
}
