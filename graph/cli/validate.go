package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"kgraph/graph/dataset"
	"kgraph/graph/store"
)

// validateCmd checks dataset files on their own, without a store.
func validateCmd(ctx context.Context, env *Env, args []string) error {
	u := usage{name: "validate", flags: flag.NewFlagSet("validate", flag.ContinueOnError), text: `Usage: kgraph validate [flags] FILE...

Checks dataset files against the dataset format (seed/dataset.schema.json)
and the graph rules: every id unique in its section, every kind, type,
entity and source referred to declared in the file, dates that exist,
periods that do not end before they start. Each problem is printed on a
line of its own as

  FILE:LINE: SECTION[INDEX] (id "ID") field "FIELD": what is wrong

and the exit status is 1. FILE may be - for standard input. A valid file gets a one-line summary, status 0.
A file is checked on its own: to check one that refers to what is already
stored, use 'kgraph import --dry-run FILE'.

Examples:
  kgraph validate my-graph.json
  kgraph validate seed/*.json
`}
	files, shown, err := parseArgs(env, u, args)
	if shown || err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError(env, u, "give the dataset file to check")
	}
	var invalid []error
	for _, file := range files {
		src, cleanup, err := openSource(env, file)
		if err != nil {
			return err
		}
		err = Validate(ctx, src, env.Stdout)
		cleanup()
		var ie *InvalidError
		switch {
		case errors.As(err, &ie):
			invalid = append(invalid, err)
		case err != nil:
			return err
		}
	}
	return errors.Join(invalid...)
}

// InvalidError is returned for a dataset file with problems, after they
// have been written out one a line.
type InvalidError struct {
	// File is the name of the file.
	File string
	// Problems counts the problems found.
	Problems int
}

func (e *InvalidError) Error() string {
	return e.File + ": " + store.Count(e.Problems, "problem", "problems")
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
func check(ctx context.Context, src dataset.Source, base dataset.Base, w io.Writer) (*dataset.Checked, error) {
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
