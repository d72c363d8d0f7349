package export

import (
	"slices"
	"strconv"
	"strings"

	"kgraph/graph/store"
)

// Filter selects the part of the graph to export. The zero Filter selects
// the whole graph.
type Filter struct {
	// At keeps only relations in force at some time within it (see
	// store.InForce), when not nil.
	At *store.PartialDate
	// Types keeps only relations of these types, when not empty.
	Types []string
	// Roots, when not empty, export the neighbourhoods of these entities
	// (their union: what a view with several entities expanded shows)
	// instead of the whole graph; at most MaxRoots of them.
	Roots []string
	// Depth is the number of hops from each root, 1 to
	// store.MaxNeighborhoodDepth; 0 means store.DefaultNeighborhoodDepth. It
	// is an error without Roots.
	Depth int
}

// MaxRoots bounds the entities one export may start from: each is a
// neighbourhood walk of its own.
const MaxRoots = 50

// ParseFilter reads a filter from its text form, as the query parameters
// and the command-line flags give it: at is YYYY, YYYY-MM or YYYY-MM-DD;
// types is a comma-separated list of relation types; root is an entity id
// or a comma-separated list of them; depth is a number.
// Empty strings leave that part of the filter unset. A malformed value is
// an EINVALID error that names it; whether the types and the root exist is
// checked later, against the store (see Select).
func ParseFilter(at, types, root, depth string) (Filter, error) {
	var f Filter
	if at != "" {
		d, err := store.ParsePartialDate(at)
		if err != nil {
			return Filter{}, store.Errorf(store.EINVALID, "at: %s", store.ErrorMessage(err))
		}
		f.At = &d
	}
	for t := range strings.SplitSeq(types, ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Types = append(f.Types, t)
		}
	}
	for id := range strings.SplitSeq(root, ",") {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(f.Roots, id) {
			f.Roots = append(f.Roots, id)
		}
	}
	if depth != "" {
		n, err := strconv.Atoi(depth)
		if err != nil {
			return Filter{}, store.Errorf(store.EINVALID, "depth must be a whole number from 1 to %d, got %q", store.MaxNeighborhoodDepth, depth)
		}
		f.Depth = n
	}
	return f, f.check()
}

// check validates what can be judged without the store.
func (f Filter) check() error {
	if len(f.Roots) == 0 && f.Depth != 0 {
		return store.Errorf(store.EINVALID, "depth needs root: give the entity to start from")
	}
	if len(f.Roots) > MaxRoots {
		return store.Errorf(store.EINVALID, "root names %d entities; an export starts from at most %d", len(f.Roots), MaxRoots)
	}
	if len(f.Roots) > 0 {
		if err := store.CheckNeighborhoodDepth(f.depth()); err != nil {
			return err
		}
	}
	return store.CheckTypeCount(f.Types)
}

// IsZero reports whether the filter selects the whole graph.
func (f Filter) IsZero() bool {
	return f.At == nil && len(f.Types) == 0 && len(f.Roots) == 0 && f.Depth == 0
}

// depth is Depth with its default filled in.
func (f Filter) depth() int {
	if f.Depth == 0 {
		return store.DefaultNeighborhoodDepth
	}
	return f.Depth
}
