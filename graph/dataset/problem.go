package dataset

import (
	"fmt"
	"sort"

	"kgraph/graph/store"
)

// Document is the Section of problems with the file as a whole rather than
// with one element: bad JSON, an unknown top-level field, a section that is
// not an array.
const Document = "document"

// Problem is a store.Problem located in a file.
type Problem struct {
	store.Problem
	// File is the name of the file.
	File string
	// Line is the 1-based line the field (or, failing that, the element)
	// is on, or 0 if unknown.
	Line int
}

// String renders the problem as
// `file:line: section[i] (id "x") field "f": message`.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Problem)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Problem)
}

// Error is the EINVALID error for a file with problems, listing them all,
// or nil when there are none.
func Error(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return store.Errorf(store.EINVALID, "%d problems:\n%s", len(problems), store.JoinProblems(problems, "\n"))
}

// sortProblems puts problems in the order a person fixes them: by line,
// and in the order they were found within a line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}
