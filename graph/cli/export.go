package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"kgraph/graph/export"
	"kgraph/graph/store"
)

// exportCmd writes the graph, or a part of it, in one of the export formats.
func exportCmd(ctx context.Context, env *Env, args []string) error {
	var cfg config
	var formatName, at, types, root, output string
	var depth int
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.StringVar(&formatName, "format", "json", "the file format: "+strings.Join(export.Names(), ", "))
	fs.StringVar(&at, "at", "", "keep only relations in force at this date: "+store.DateForms)
	fs.StringVar(&types, "types", "", "keep only relations of these types, comma-separated, such as SIGNED,ALLIED_WITH")
	fs.StringVar(&root, "root", "", "export the neighbourhood of this entity id (or of several, comma-separated) instead of the whole graph")
	fs.IntVar(&depth, "depth", 0, fmt.Sprintf("with -root: how many hops from it, 1 to %d (default %d)", store.MaxNeighborhoodDepth, store.DefaultNeighborhoodDepth))
	fs.StringVar(&output, "o", "", "write to this file instead of standard output")
	cfg.storeFlags(fs, env.Getenv)
	u := usage{name: "export", flags: fs, text: `Usage: kgraph export [flags]

Writes the graph in the store the server uses, or a part of it, as the
HTTP exports do:

  json       the dataset format, which 'kgraph import' reads back
  cytoscape  Cytoscape.js elements JSON (Cytoscape desktop imports it too)
  graphml    GraphML, for Gephi, yEd and Cytoscape desktop
  gexf       GEXF 1.3, Gephi's own format, with the dates its timeline plays
  dot        DOT, the Graphviz language
  cypher     a script of MERGE statements that loads the graph into Neo4j

With -at or -types it keeps the relations that pass and the entities they
link; with -root, the neighbourhood of one entity. The vocabulary is always
whole, and the sources are those the kept elements cite, so every JSON
export is a dataset that imports on its own. Output goes to standard
output unless -o names a file, which is replaced only once the export has
succeeded. With the embedded store, the data file must exist: export never
creates one (run 'kgraph serve' once, or 'kgraph import FILE', to make it).

Examples:
  kgraph export > graph.json
  kgraph export --format graphml -o graph.graphml
  kgraph export --format cytoscape --at 1955 --types SIGNED,ALLIED_WITH -o 1955.json
  kgraph export --root soviet-union --depth 2 --format cypher -o ussr.cypher
`}
	if shown, err := parseFlags(env, u, args); shown || err != nil {
		return err
	}
	format, ok := export.Lookup(formatName)
	if !ok {
		return usageError(env, u, "-format must be one of %s, got %q", strings.Join(export.Names(), ", "), formatName)
	}
	depthText := ""
	if depth != 0 {
		depthText = fmt.Sprint(depth)
	}
	filter, err := export.ParseFilter(at, types, root, depthText)
	if err != nil {
		return usageError(env, u, "%s", store.ErrorMessage(err))
	}

	s, err := openCommandStore(ctx, cfg, mustExist)
	if err != nil {
		return err
	}
	defer s.Close()
	if output == "" {
		_, err := Export(ctx, s, filter, format, env.Stdout)
		return err
	}
	var d *store.Dataset
	err = WriteFile(output, func(w io.Writer) error {
		d, err = Export(ctx, s, filter, format, w)
		return err
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "exported %s and %s to %s\n", store.Count(len(d.Entities), "entity", "entities"), store.Count(len(d.Relations), "relation", "relations"), output)
	return err
}

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
