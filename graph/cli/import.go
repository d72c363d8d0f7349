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

// importCmd adds a dataset file to the store the configuration names.
func importCmd(ctx context.Context, env *Env, args []string) error {
	var cfg config
	var opts ImportOptions
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.IntVar(&opts.BatchSize, "batch", DefaultBatchSize, fmt.Sprintf("apply at most this many elements at a time (%d into Neo4j)", Neo4jBatchSize))
	fs.BoolVar(&opts.DryRun, "dry-run", false, "report what would be created, updated and unchanged, and write nothing")
	cfg.storeFlags(fs, env.Getenv)
	u := usage{name: "import", flags: fs, text: `Usage: kgraph import [flags] FILE

FILE may be - for standard input.

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
  kgraph export --root croatia | kgraph import -data other.db -
  kgraph import -data /var/lib/kgraph/graph.db --batch 2000 big-graph.json
  NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kgraph import my-graph.json
`}
	files, shown, err := parseArgs(env, u, args)
	if shown || err != nil {
		return err
	}
	if cfg.neo4j.uri != "" && !flagGiven(fs, "batch") {
		opts.BatchSize = Neo4jBatchSize
	}
	switch {
	case len(files) != 1:
		return usageError(env, u, "give one dataset file to import")
	case opts.BatchSize < 1:
		return usageError(env, u, "-batch must be at least 1, got %d", opts.BatchSize)
	}
	src, cleanup, err := openSource(env, files[0])
	if err != nil {
		return err
	}
	defer cleanup()
	s, err := openCommandStore(ctx, cfg, mayCreate)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = Import(ctx, s, src, opts, env.Stdout)
	return err
}

// DefaultBatchSize is how many elements one Apply gets when no size is given:
// large enough that a big file needs few transactions, small enough that
// one transaction stays quick and light.
const DefaultBatchSize = 500

// Neo4jBatchSize is the default batch size into Neo4j, where a transaction
// costs a few round trips, a commit and a change-log entry of its own: ten
// times fewer of them than DefaultBatchSize makes a bulk import several
// times faster, and a batch of 5000 is still a transaction of a few
// megabytes and a second or two, which keeps the progress bar moving.
const Neo4jBatchSize = 5000

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

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
	// The store is asked only about the ids the file refers to.
	c, err := check(ctx, src, s, w)
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
		// which is what Apply counts, since the file gives each id once. The
		// comparison needs the stored elements themselves: a dry run reads
		// the whole graph, as an export does.
		current, err := s.Export(ctx)
		if err != nil {
			return nil, fmt.Errorf("read the graph: %w", err)
		}
		stored := current.Lookup()
		apply = func(d *store.Dataset) (*store.ApplyResult, error) {
			_, r := store.DiffAgainst(d, stored)
			return r, nil
		}
		progress = NewProgress(w, "compared")
	} else {
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
		_, err = fmt.Fprintf(w, "imported %s: %s (%d elements in %s)\n", src.Name, counts(sum), total, store.Count(batches, "batch", "batches"))
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
