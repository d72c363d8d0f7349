package store

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// The Check methods below validate a query against the limits and the
// vocabulary and fill in its defaults. Every store calls them first, so that
// a bad query fails the same way everywhere.

// Check validates the query and fills in its defaults.
func (q *EntityQuery) Check(v *Vocabulary) error {
	if q.Kind != "" {
		if err := v.CheckKind(q.Kind); err != nil {
			return err
		}
	}
	return CheckPage(&q.First, q.After)
}

// Check validates the query and fills in its defaults.
func (q *SearchQuery) Check() error {
	n := utf8.RuneCountInString(q.Text)
	switch {
	case strings.TrimSpace(NormalizeText(q.Text)) == "":
		return Errorf(EINVALID, "text must contain at least one letter or digit")
	case n > MaxSearchTextLength:
		return Errorf(EINVALID, "text is %d characters long; the most is %d", n, MaxSearchTextLength)
	}
	return checkSize("first", &q.First, DefaultSearchSize, MaxSearchSize)
}

// Check validates the filter and fills in its defaults.
func (f *RelationFilter) Check(v *Vocabulary) error {
	if f.Direction == "" {
		f.Direction = DirectionBoth
	}
	if !f.Direction.IsValid() {
		return Errorf(EINVALID, "direction must be OUT, IN or BOTH")
	}
	return checkTypes(v, f.Types)
}

// Check validates the query and fills in its defaults.
func (q *RelationQuery) Check(v *Vocabulary) error {
	if err := checkTypes(v, q.Types); err != nil {
		return err
	}
	return CheckPage(&q.First, q.After)
}

// Check validates the query and fills in its defaults.
func (q *NeighborhoodQuery) Check(v *Vocabulary) error {
	if err := CheckNeighborhoodDepth(q.Depth); err != nil {
		return err
	}
	if err := checkSize("limit", &q.Limit, DefaultNeighborhoodLimit, MaxNeighborhoodLimit); err != nil {
		return err
	}
	return checkTypes(v, q.Types)
}

// Check validates the query and fills in its defaults.
func (q *PathQuery) Check(v *Vocabulary) error {
	if q.MaxDepth == 0 {
		q.MaxDepth = DefaultPathDepth
	}
	if q.MaxDepth < 1 || q.MaxDepth > MaxPathDepth {
		return Errorf(EINVALID, "maxDepth must be between 1 and %d, got %d", MaxPathDepth, q.MaxDepth)
	}
	return checkTypes(v, q.Types)
}

// Check validates the query.
func (q *TimelineQuery) Check(v *Vocabulary) error {
	if q.From != nil && q.To != nil && q.From.First() > q.To.Last() {
		return Errorf(EINVALID, "from (%s) is after to (%s)", q.From, q.To)
	}
	return checkTypes(v, q.Types)
}

// Filter returns the relation filter the query's relations pass.
func (q *NeighborhoodQuery) Filter() RelationFilter {
	return RelationFilter{Direction: DirectionBoth, Types: q.Types, At: q.At}
}

// Filter returns the relation filter the query's relations pass.
func (q *PathQuery) Filter() RelationFilter {
	return RelationFilter{Direction: DirectionBoth, Types: q.Types, At: q.At}
}

func checkTypes(v *Vocabulary, types []string) error {
	if err := CheckTypeCount(types); err != nil {
		return err
	}
	return v.CheckTypes(types)
}

// CheckTypeCount rejects a filter that names more than MaxTypesPerQuery
// types, before they are looked up.
func CheckTypeCount(types []string) error {
	if len(types) > MaxTypesPerQuery {
		return Errorf(EINVALID, "types names %d types; the most is %d", len(types), MaxTypesPerQuery)
	}
	return nil
}

// CheckNeighborhoodDepth rejects a neighbourhood depth outside 1 to
// MaxNeighborhoodDepth.
func CheckNeighborhoodDepth(depth int) error {
	if depth < 1 || depth > MaxNeighborhoodDepth {
		return Errorf(EINVALID, "depth must be between 1 and %d, got %d", MaxNeighborhoodDepth, depth)
	}
	return nil
}

// CheckPage validates a page size and cursor, filling in the default size.
func CheckPage(first *int, after string) error {
	if err := checkSize("first", first, DefaultPageSize, MaxPageSize); err != nil {
		return err
	}
	if after != "" {
		if _, err := DecodeCursor(after); err != nil {
			return err
		}
	}
	return nil
}

// checkSize fills in def for 0 and rejects anything outside 1..max.
func checkSize(name string, n *int, def, max int) error {
	if *n == 0 {
		*n = def
	}
	if *n < 1 || *n > max {
		return Errorf(EINVALID, "%s must be between 1 and %d, got %d", name, max, *n)
	}
	return nil
}

const cursorPrefix = "id:"

// EncodeCursor returns the opaque cursor that points just after id.
func EncodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + id))
}

// DecodeCursor returns the id a cursor points after, or EINVALID.
func DecodeCursor(cursor string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return "", Errorf(EINVALID, "invalid cursor %q: pass an endCursor or cursor this API returned", cursor)
	}
	return strings.TrimPrefix(string(b), cursorPrefix), nil
}
