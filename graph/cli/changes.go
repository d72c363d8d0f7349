package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"kgraph/graph/store"
)

// changesCmd writes the change log as JSON Lines: one change a line,
// oldest first, read page by page so that a long log never sits in memory.
func changesCmd(ctx context.Context, env *Env, args []string) error {
	var cfg config
	var after int64
	var since, until, entity, output string
	fs := flag.NewFlagSet("changes", flag.ContinueOnError)
	fs.Int64Var(&after, "after", 0, "only the changes after this seq (to continue an earlier export)")
	fs.StringVar(&since, "since", "", "only the changes committed at or after this RFC 3339 time")
	fs.StringVar(&until, "until", "", "only the changes committed at or before this RFC 3339 time")
	fs.StringVar(&entity, "entity", "", "only the changes to this entity or to relations from or to it")
	fs.StringVar(&output, "o", "", "write to this file instead of standard output")
	cfg.storeFlags(fs, env.Getenv)
	u := usage{name: "changes", flags: fs, text: `Usage: kgraph changes [flags]

Writes the change log of the store the server uses as JSON Lines, oldest
first: one change a line, with its seq, time, actor, action and each
element's version and before and after images (the dataset format). The
log holds every write: mutations, applyDataset and imports. Output goes to
standard output unless -o names a file, which is replaced only once the
export has succeeded.

Examples:
  kgraph changes > changes.jsonl
  kgraph changes --entity croatia --since 2026-11-01T00:00:00Z
  kgraph changes --after 1200 -o new-changes.jsonl
`}
	if shown, err := parseFlags(env, u, args); shown || err != nil {
		return err
	}
	q := store.ChangeQuery{After: after, Entity: entity, First: store.MaxPageSize}
	for _, t := range []struct {
		flag, value string
		into        *time.Time
	}{{"since", since, &q.Since}, {"until", until, &q.Until}} {
		if t.value == "" {
			continue
		}
		parsed, err := time.Parse(time.RFC3339Nano, t.value)
		if err != nil {
			return usageError(env, u, "-%s must be an RFC 3339 time such as 2026-11-24T09:00:00Z, got %q", t.flag, t.value)
		}
		*t.into = parsed
	}
	if err := store.CheckChangeQuery(&q); err != nil {
		return usageError(env, u, "%s", store.ErrorMessage(err))
	}
	s, err := openCommandStore(ctx, cfg, mustExist)
	if err != nil {
		return err
	}
	defer s.Close()
	if output == "" {
		_, err := WriteChanges(ctx, s, q, env.Stdout)
		return err
	}
	var n int
	err = WriteFile(output, func(w io.Writer) error {
		n, err = WriteChanges(ctx, s, q, w)
		return err
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "exported %s to %s\n", store.Count(n, "change", "changes"), output)
	return err
}

// WriteChanges writes the changes q selects, from q.After on, to w as JSON
// Lines, and returns how many it wrote.
func WriteChanges(ctx context.Context, s store.Store, q store.ChangeQuery, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	n := 0
	for {
		page, err := s.Changes(ctx, q)
		if err != nil {
			return n, err
		}
		for _, c := range page.Changes {
			if err := enc.Encode(c); err != nil {
				return n, err
			}
			n++
			q.After = c.Seq
		}
		if !page.HasNextPage || len(page.Changes) == 0 {
			return n, nil
		}
	}
}
