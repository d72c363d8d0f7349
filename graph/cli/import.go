package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"kgraph/graph/dataset"
	"kgraph/graph/store"
)

// DefaultBatchSize is how many elements one Apply gets when no size is given:
// large enough that a big file needs few transactions, small enough that
// one transaction stays quick and light.
const DefaultBatchSize = 500

// ImportOptions tunes Import.
type ImportOptions struct {
	// BatchSize is the most elements one Store.Apply gets (0 means DefaultBatchSize).
	BatchSize int
	// DryRun reports what would change and writes nothing.
	DryRun bool
}

// Import adds a dataset file to the graph in s and writes its progress and
// a summary to w.
//
// The whole file is checked first, against the graph it is added to (so it
// may refer to stored entities), and nothing is written when it has
// problems: they are written out and an *InvalidError returned. Then it is
// read again and applied in batches of at most BatchSize elements,
// vocabulary and sources first, then entities, then relations, so that no
// batch refers ahead. Applying is idempotent: importing a file twice
// leaves the graph as once, and an import cut short is finished by running
// it again.
func Import(ctx context.Context, s store.Store, src dataset.Source, opts ImportOptions, w io.Writer) (*store.ApplyResult, error) {
	size := opts.BatchSize
	if size == 0 {
		size = DefaultBatchSize
	}
	if size < 1 {
		return nil, fmt.Errorf("the batch size must be at least 1, got %d", size)
	}
	current, err := s.Export(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the graph: %w", err)
	}
	c, err := check(ctx, src, current, w)
	if err != nil {
		return nil, err
	}
	total := c.Summary().Total()

	var apply func(d *store.Dataset) (*store.ApplyResult, error)
	progress := NewProgress(w, "imported")
	if opts.DryRun {
		// Batches cannot be dry-run one by one against the store: a batch of
		// relations would refer to entities that earlier batches only
		// pretended to write. Each element is compared with the graph instead,
		// which is what Apply counts, since the file gives each id once.
		apply = newDiffer(current).count
		progress = NewProgress(w, "compared")
	} else {
		current = nil // only ids were needed; let the graph's copy go
		apply = func(d *store.Dataset) (*store.ApplyResult, error) { return s.Apply(ctx, d, store.ApplyOptions{}) }
	}

	sum := &store.ApplyResult{}
	done, batches := 0, 0
	err = c.Batches(ctx, size, func(d *store.Dataset, n int) error {
		r, err := apply(d)
		if err != nil {
			return err
		}
		sum.Created += r.Created
		sum.Updated += r.Updated
		sum.Unchanged += r.Unchanged
		done += n
		batches++
		progress.Update(done, total)
		return nil
	})
	progress.Finish()
	if err != nil {
		return nil, interrupted(err, src.Name, done, total, opts.DryRun)
	}
	if opts.DryRun {
		_, err = fmt.Fprintf(w, "dry run of %s: %s; nothing was written\n", src.Name, counts(sum))
	} else {
		_, err = fmt.Fprintf(w, "imported %s: %s (%d elements in %s)\n", src.Name, counts(sum), total, plural(batches, "batch", "batches"))
	}
	return sum, err
}

// interrupted explains an import that stopped part way.
func interrupted(err error, file string, done, total int, dryRun bool) error {
	if dryRun || done == 0 {
		return err
	}
	how := "failed"
	if errors.Is(err, context.Canceled) {
		how = "was interrupted"
	}
	return fmt.Errorf("importing %s %s after %d of %d elements; importing is idempotent, so run it again to finish: %w", file, how, done, total, err)
}

func counts(r *store.ApplyResult) string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged", r.Created, r.Updated, r.Unchanged)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
