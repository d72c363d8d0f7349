package dataset

import (
	"testing"

	"kgraph/graph/store"
)

// FuzzLoad checks that any bytes either load as a dataset whose relations
// join entities it holds, or are refused as INVALID with the problems
// listed; never a panic or an internal error.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"entities": [{"id": "a"}], "relations": [{"id": "r", "from": "a", "to": "b"}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Load("fuzz.json", data)
		if err != nil {
			if store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("error %v is not INVALID", err)
			}
			return
		}
		entities := map[string]bool{}
		for _, e := range d.Entities {
			if entities[e.ID] {
				t.Fatalf("entity %q loaded twice", e.ID)
			}
			entities[e.ID] = true
		}
		for _, r := range d.Relations {
			if !entities[r.FromID] || !entities[r.ToID] {
				t.Fatalf("relation %q joins %q and %q, not both loaded", r.ID, r.FromID, r.ToID)
			}
		}
	})
}
