package dataset

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"kgraph/graph/store"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// TestBatchesStream checks a file is read as it is applied: the first
// batch of entities is handed over long before the end of the file has
// been read, so a file need not fit in memory.
func TestBatchesStream(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"vocabulary": {"entityKinds": [{"id": "node", "labels": {"en": "Node"}}]}, "entities": [`)
	for i := range 20000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "e%d", "kind": "node", "labels": {"en": "Entity number %d"}}`, i, i)
	}
	b.WriteString("]}")
	doc := b.String()

	var read int64
	src := Source{Name: "big.json", open: func() (io.ReadCloser, error) {
		read = 0
		return io.NopCloser(countingReader{strings.NewReader(doc), &read}), nil
	}}
	c, problems, err := Check(context.Background(), src, nil)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, Error(problems))
	}
	firstEntities := int64(-1)
	entities := 0
	err = c.Batches(context.Background(), 100, func(d *store.Dataset, n int) error {
		if len(d.Entities) > 0 && firstEntities < 0 {
			firstEntities = read
		}
		entities += len(d.Entities)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if entities != 20000 {
		t.Fatalf("got %d entities", entities)
	}
	if firstEntities > int64(len(doc))/20 {
		t.Fatalf("%d of %d bytes had been read when the first batch of entities was handed over", firstEntities, len(doc))
	}
}
