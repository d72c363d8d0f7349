package export

import (
	"slices"
	"strings"
	"testing"

	"kgraph/graph/store"
)

func TestParseFilter(t *testing.T) {
	f, err := ParseFilter("1949-06", " BROKE_RELATIONS, SIGNED ,,", "soviet-union", "2")
	if err != nil {
		t.Fatal(err)
	}
	if f.At == nil || f.At.String() != "1949-06" || strings.Join(f.Types, "|") != "BROKE_RELATIONS|SIGNED" ||
		!slices.Equal(f.Roots, []string{"soviet-union"}) || f.Depth != 2 {
		t.Fatalf("ParseFilter = %+v", f)
	}
	if f, err := ParseFilter("", "", "", ""); err != nil || !f.IsZero() {
		t.Fatalf("empty filter = %+v, %v; want the zero filter", f, err)
	}
}

func TestParseFilterErrors(t *testing.T) {
	for _, tc := range []struct{ at, types, root, depth, want string }{
		{at: "1949-13", want: "at: invalid date"},
		{at: "yesterday", want: "at: invalid date"},
		{depth: "2", want: "depth needs root"},
		{root: "x", depth: "two", want: "depth must be a whole number"},
		{root: "x", depth: "5", want: "depth must be between 1 and 4"},
		{root: "x", depth: "-1", want: "depth must be between 1 and 4"},
		{types: strings.Repeat("A,", store.MaxTypesPerQuery+1), want: "the most is 50"},
	} {
		_, err := ParseFilter(tc.at, tc.types, tc.root, tc.depth)
		if store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseFilter(%q, %q, %q, %q) = %v, want INVALID %q", tc.at, tc.types, tc.root, tc.depth, err, tc.want)
		}
	}
}
