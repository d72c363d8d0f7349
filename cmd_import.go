package main

import (
	"context"
	"flag"
	"io"

	"kgraph/graph/cli"
	"kgraph/graph/dataset"
)

// importCmd adds a dataset file to the store the configuration names.
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var cfg config
	var opts cli.ImportOptions
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.IntVar(&opts.BatchSize, "batch", cli.DefaultBatchSize, "apply at most this many elements at a time")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "report what would be created, updated and unchanged, and write nothing")
	cfg.storeFlags(fs, getenv)
	u := usage{name: "import", flags: fs, text: `Usage: kgraph import [flags] FILE

Adds the vocabulary, sources, entities and relations of a dataset file to
the graph, in the store the server uses (the embedded data file, or Neo4j
when NEO4J_URI is set). An element whose id is new is created, one whose
id is stored is replaced; nothing is deleted. Importing the same file again
changes nothing ("0 created, 0 updated, N unchanged").

The whole file is checked first, as 'kgraph validate' does but against the
stored graph too (the file may refer to stored entities and kinds), and
nothing is written if it has problems. It is then applied in batches:
vocabulary and sources, then entities, then relations. The file is read as
a stream, so it may be larger than memory. Progress is a bar on a terminal
and a line per batch otherwise.

The embedded data file can be used by one process at a time: stop the
server before importing into it.

Examples:
  kgraph import my-graph.json
  kgraph import --dry-run my-graph.json
  kgraph import -data /var/lib/kgraph/graph.db --batch 2000 big-graph.json
  NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kgraph import my-graph.json
`}
	files, shown, err := parseArgs(u, args, stdout)
	if shown || err != nil {
		return err
	}
	switch {
	case len(files) != 1:
		return usageError(u, "give one dataset file to import")
	case opts.BatchSize < 1:
		return usageError(u, "-batch must be at least 1, got %d", opts.BatchSize)
	}
	s, err := openCommandStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = cli.Import(ctx, s, dataset.File(files[0]), opts, stdout)
	return err
}
