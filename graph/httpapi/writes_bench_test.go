package httpapi_test

import (
	"fmt"
	"strconv"
	"testing"
)

// BenchmarkWrites measures a mutation through the real handler over HTTP
// on the embedded store (each one a durable commit), and a read of an
// entity now beside the same read as of a past moment (a snapshot built
// once, then kept), in one run.
func BenchmarkWrites(b *testing.B) {
	srv := newWriteServer(b, seededStore(b), nil)
	var first struct {
		AddDescription struct{ Change struct{ Seq int } }
	}
	ok(b, srv, editorKey, `mutation { addDescription(id: "croatia", description: {lang: "de", text: "0"}) { change { seq } } }`, nil, &first)
	b.Run("addDescription", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			r := gqlAs(b, srv, editorKey, fmt.Sprintf(`mutation { addDescription(id: "croatia", description: {lang: "de", text: "%d"}) { node { id } change { seq } } }`, i), nil, nil)
			if len(r.Errors) > 0 {
				b.Fatal(r.Errors)
			}
		}
	})
	const read = `query($asOf: AsOf) { entity(id: "croatia", asOf: $asOf) { name version relations(first: 50) { nodes { id to { name } } } } }`
	for _, c := range []struct {
		name string
		vars map[string]any
	}{
		{"read", nil},
		{"readAsOf", map[string]any{"asOf": strconv.Itoa(first.AddDescription.Change.Seq)}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := gqlAs(b, srv, "", read, c.vars, nil); len(r.Errors) > 0 {
					b.Fatal(r.Errors)
				}
			}
		})
	}
}
