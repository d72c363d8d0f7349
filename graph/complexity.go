package graph

import "kgraph/graph/store"

// Estimates of how many items a list field returns, for query complexity.
// gqlgen counts one per field by default, which lets a query nest
// neighbors inside neighbors and fan out exponentially for the price of a
// few fields; multiplying a list's children by its expected length makes
// such a query exceed the limit, with a clear error, before it runs.
const (
	// expectedDegree is the number of relations or neighbours an entity is
	// assumed to have.
	expectedDegree = 20
	// expectedSubgraph is the number of entities (and of relations)
	// assumed in a neighbourhood, a path or a timeline.
	expectedSubgraph = 50
)

// NewComplexity returns the complexity functions of the list fields.
func NewComplexity() ComplexityRoot {
	var c ComplexityRoot
	c.Query.Entities = func(child int, _ *string, first *int, _ *string) int {
		return 1 + child*pageOf(first, store.DefaultPageSize)
	}
	c.Query.Relations = func(child int, _ []string, _, _ *string, _ *store.PartialDate, first *int, _ *string) int {
		return 1 + child*pageOf(first, store.DefaultPageSize)
	}
	c.Query.Search = func(child int, _ string, _ *string, first *int) int {
		return 1 + child*pageOf(first, store.DefaultSearchSize)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []string, _ *store.PartialDate, _ *int) int {
		return 1 + child*expectedSubgraph
	}
	// A comparison is one object; each of its lists is counted as a
	// subgraph's relations, so asking for all three costs three times one.
	c.Query.ChangesBetween = func(child int, _, _ store.PartialDate, _ *string, _ *int, _ []string) int { return 1 + child }
	comparisonList := func(child int) int { return 1 + child*expectedSubgraph }
	c.Comparison.Added, c.Comparison.Ended, c.Comparison.Held = comparisonList, comparisonList, comparisonList
	c.Query.Timeline = func(child int, _ *string, _, _ *store.PartialDate, _ []string) int { return 1 + child*expectedSubgraph }
	c.Entity.Relations = func(child int, _ *store.Direction, _ []string, _ *store.PartialDate, first *int, _ *string) int {
		return 1 + child*min(pageOf(first, store.DefaultPageSize), expectedDegree)
	}
	c.Entity.Neighbors = func(child int, _ *store.Direction, _ []string, _ *store.PartialDate) int {
		return 1 + child*expectedDegree
	}
	return c
}

// pageOf is the page size a query asks for, or def.
func pageOf(first *int, def int) int {
	if first == nil || *first < 1 {
		return def
	}
	return *first
}
