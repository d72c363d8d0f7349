package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"kgraph/graph/export"
	"kgraph/graph/store"
)

// Export writes the part of the graph in s that the filter selects, in the
// format, to w: the same bytes the HTTP export gives for the same graph.
// It returns what it wrote.
func Export(ctx context.Context, s store.Store, f export.Filter, format export.Format, w io.Writer) (*store.Dataset, error) {
	d, err := export.Select(ctx, s, f)
	if err != nil {
		return nil, err
	}
	return d, format.Encode(w, d)
}

// WriteFile calls write with a file that replaces the one at path only when
// write succeeds: a failed export never leaves a truncated file behind, nor
// destroys the previous one.
func WriteFile(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; an export is an ordinary file.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
