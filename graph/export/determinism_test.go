package export

import (
	"bytes"
	"slices"
	"testing"

	"kgraph/graph/store"
)

// Every format must give byte-identical output for the same graph, however
// the dataset's sections happen to be ordered.
func TestEncodersAreDeterministic(t *testing.T) {
	for _, name := range Names() {
		f, _ := Lookup(name)
		t.Run(name, func(t *testing.T) {
			first := encode(t, f, tinyDataset())
			if again := encode(t, f, tinyDataset()); !bytes.Equal(first, again) {
				t.Fatal("two encodings of the same dataset differ")
			}
			if name == JSON.Name {
				return // the dataset format writes the sections in the order given, by design
			}
			shuffled := tinyDataset()
			slices.Reverse(shuffled.Entities)
			slices.Reverse(shuffled.Relations)
			slices.Reverse(shuffled.Vocabulary.RelationTypes)
			if got := encode(t, f, shuffled); !bytes.Equal(first, got) {
				t.Fatal("the encoding depends on the order of the dataset's sections")
			}
		})
	}
}

func TestLookup(t *testing.T) {
	if got := Names(); !slices.Equal(got, []string{"cypher", "cytoscape", "dot", "gexf", "graphml", "json"}) {
		t.Errorf("Names() = %v", got)
	}
	if _, ok := Lookup("pajek"); ok {
		t.Error("Lookup(pajek) found a format")
	}
	if f, _ := Lookup("graphml"); f.MediaType != "application/graphml+xml" || f.Extension != ".graphml" {
		t.Errorf("graphml = %+v", f)
	}
}

func encode(t *testing.T, f Format, d *store.Dataset) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
