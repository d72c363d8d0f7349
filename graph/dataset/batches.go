package dataset

import (
	"context"
	"fmt"
	"slices"

	"kgraph/graph/store"
)

// phases orders the sections for applying: each phase may refer only to
// elements of earlier phases (or of the graph).
var phases = [][]string{
	{store.SectionEntityKinds, store.SectionRelationTypes, store.SectionSources},
	{store.SectionEntities},
	{store.SectionRelations},
}

func phaseOf(section string) int {
	for i, p := range phases {
		if slices.Contains(p, section) {
			return i
		}
	}
	return len(phases)
}

// inPhaseOrder reports whether the sections, in the order a file gives
// them, come phase by phase.
func inPhaseOrder(sections []string) bool {
	for i := 1; i < len(sections); i++ {
		if phaseOf(sections[i]) < phaseOf(sections[i-1]) {
			return false
		}
	}
	return true
}

// Batches reads the file as a series of datasets of at most size elements
// each and hands each to fn with its number of elements, phase by phase:
// the vocabulary and sources, then the entities, then the relations, so
// that applying the batches in turn never refers ahead. Only one batch is
// in memory at a time.
//
// A file whose sections come in that order is read once; any other, once
// per phase. The next batch is read and decoded while fn works on the
// one before, so at most two batches are in memory at a time; the reading
// stops when fn fails.
func (c *Checked) Batches(ctx context.Context, size int, fn func(d *store.Dataset, n int) error) error {
	if size < 1 {
		return fmt.Errorf("batch size must be at least 1, got %d", size)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		d *store.Dataset
		n int
	}
	ready := make(chan batch)
	read := make(chan error, 1)
	go func() {
		defer close(ready)
		read <- c.readBatches(ctx, &batcher{size: size, phase: -1, fn: func(d *store.Dataset, n int) error {
			select {
			case ready <- batch{d, n}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}})
	}()
	for b := range ready {
		if err := fn(b.d, b.n); err != nil {
			cancel()
			for range ready {
			}
			<-read
			return err
		}
	}
	return <-read
}

// readBatches reads the file, phase by phase, into b.
func (c *Checked) readBatches(ctx context.Context, b *batcher) error {
	passes := [][]string{nil} // nil: every section, in one pass
	if !inPhaseOrder(c.order) {
		passes = phases
	}
	for _, sections := range passes {
		want := all
		if sections != nil {
			want = func(s string) bool { return slices.Contains(sections, s) }
		}
		sc, err := read(ctx, c.src, want, func(e element) error {
			v, err := decodeAgain(c.src, e)
			if err != nil {
				return err
			}
			return b.add(e.section, v)
		})
		if err != nil {
			return err
		}
		if sc.broken {
			return fmt.Errorf("%s changed since it was checked: it is no longer well-formed JSON", c.src.Name)
		}
	}
	return b.flush()
}

// batcher collects elements into batches of one phase each.
type batcher struct {
	size  int
	fn    func(*store.Dataset, int) error
	d     store.Dataset
	n     int
	phase int
}

func (b *batcher) add(section string, v any) error {
	if p := phaseOf(section); p != b.phase {
		if err := b.flush(); err != nil {
			return err
		}
		b.phase = p
	}
	b.d.Add(v)
	b.n++
	if b.n >= b.size {
		return b.flush()
	}
	return nil
}

func (b *batcher) flush() error {
	if b.n == 0 {
		return nil
	}
	d, n := b.d, b.n
	b.d, b.n = store.Dataset{}, 0
	return b.fn(&d, n)
}
