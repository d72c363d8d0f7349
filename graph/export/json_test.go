package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"kgraph/graph/store"
)

func TestJSONRoundTrips(t *testing.T) {
	in := tinyDataset()
	out := encode(t, JSON, in)
	if !strings.HasPrefix(string(out), "{\n  \"vocabulary\": {\n    \"entityKinds\": [") || !bytes.HasSuffix(out, []byte("}\n")) {
		t.Errorf("not the seed's layout (two-space indent, trailing newline):\n%s", out)
	}
	var back store.Dataset
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, in) {
		t.Errorf("the dataset changed on the way through JSON:\n%s", out)
	}
}

func TestJSONWritesEmptySectionsAsLists(t *testing.T) {
	out := encode(t, JSON, &store.Dataset{})
	if bytes.Contains(out, []byte("null")) {
		t.Errorf("empty sections must be [] (the dataset reader rejects null):\n%s", out)
	}
}
