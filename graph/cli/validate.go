package cli

import (
	"context"
	"fmt"
	"io"

	"kgraph/graph/dataset"
	"kgraph/graph/store"
)

// InvalidError is returned for a dataset file with problems, after they
// have been written out one a line.
type InvalidError struct {
	// File is the name of the file.
	File string
	// Problems counts the problems found.
	Problems int
}

func (e *InvalidError) Error() string {
	if e.Problems == 1 {
		return fmt.Sprintf("%s: 1 problem", e.File)
	}
	return fmt.Sprintf("%s: %d problems", e.File, e.Problems)
}

// Validate checks a dataset file on its own (see dataset.Check) and writes
// either every problem, one a line as file:line: element field: message,
// or a one-line summary of a valid file. A file with problems is an
// *InvalidError.
func Validate(ctx context.Context, src dataset.Source, w io.Writer) error {
	c, err := check(ctx, src, nil, w)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s is valid: %s\n", src.Name, c.Summary())
	return err
}

// check runs dataset.Check against base and writes the problems it finds.
func check(ctx context.Context, src dataset.Source, base *store.Dataset, w io.Writer) (*dataset.Checked, error) {
	c, problems, err := dataset.Check(ctx, src, base)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		if _, err := fmt.Fprintln(w, p); err != nil {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &InvalidError{File: src.Name, Problems: len(problems)}
	}
	return c, nil
}
