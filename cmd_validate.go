package main

import (
	"context"
	"errors"
	"flag"
	"io"

	"kgraph/graph/cli"
	"kgraph/graph/dataset"
)

// validateCmd checks dataset files on their own, without a store.
func validateCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	u := usage{name: "validate", flags: flag.NewFlagSet("validate", flag.ContinueOnError), text: `Usage: kgraph validate [flags] FILE...

Checks dataset files against the dataset format (seed/dataset.schema.json)
and the graph rules: every id unique in its section, every kind, type,
entity and source referred to declared in the file, dates that exist,
periods that do not end before they start. Each problem is printed on a
line of its own as

  FILE:LINE: SECTION[INDEX] (id "ID") field "FIELD": what is wrong

and the exit status is 1. A valid file gets a one-line summary, status 0.
A file is checked on its own: to check one that refers to what is already
stored, use 'kgraph import --dry-run FILE'.

Examples:
  kgraph validate my-graph.json
  kgraph validate seed/*.json
`}
	files, shown, err := parseArgs(u, args, stdout)
	if shown || err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError(u, "give the dataset file to check")
	}
	var invalid []error
	for _, file := range files {
		err := cli.Validate(ctx, dataset.File(file), stdout)
		var ie *cli.InvalidError
		switch {
		case errors.As(err, &ie):
			invalid = append(invalid, err)
		case err != nil:
			return err
		}
	}
	return errors.Join(invalid...)
}
