package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/neo4jstore"
	"kgraph/seed"
)

// openStore opens the store the configuration names: Neo4j when a URI is
// given, the embedded store otherwise (its data file is created if
// missing).
func openStore(ctx context.Context, cfg config) (store.Store, error) {
	if cfg.neo4j.uri != "" {
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{
			URI:      cfg.neo4j.uri,
			Username: cfg.neo4j.username,
			Password: cfg.neo4j.password,
			Database: cfg.neo4j.database,
		})
		if err != nil {
			return nil, err // not a nil *Store in a non-nil interface
		}
		return s, nil
	}
	return memstore.Open(cfg.dataFile)
}

// existence says whether a command may create the embedded data file.
type existence int

const (
	// mayCreate creates a missing data file (import writes into it).
	mayCreate existence = iota
	// mustExist refuses a missing data file (export only reads: it never
	// leaves an empty data file behind).
	mustExist
)

// openCommandStore opens the store the configuration names, for a command
// that exits when done. A missing embedded data file is created only when
// the command may create it; a data file held by a running server is
// explained.
func openCommandStore(ctx context.Context, cfg config, exist existence) (store.Store, error) {
	if cfg.neo4j.uri == "" && exist == mustExist {
		if _, err := os.Stat(cfg.dataFile); errors.Is(err, fs.ErrNotExist) {
			return nil, store.Errorf(store.ENOTFOUND, "there is no data file at %s: give the one to use with -data (env KG_DATA_FILE), or create it with 'kgraph import FILE' or by running 'kgraph serve' once, which loads the built-in dataset", cfg.dataFile)
		}
	}
	s, err := openStore(ctx, cfg)
	if store.ErrorCode(err) == store.ECONFLICT {
		return nil, store.Errorf(store.ECONFLICT, "%s; stop the server, or give another data file with -data, and try again", store.ErrorMessage(err))
	}
	return s, err
}

func storeName(cfg config) string {
	if cfg.neo4j.uri != "" {
		return "neo4j " + cfg.neo4j.uri
	}
	return "embedded " + cfg.dataFile
}

// seedIfEmpty loads the built-in dataset into a store that has no entities.
// Loading is idempotent, so two replicas seeding at once do no harm.
func seedIfEmpty(ctx context.Context, s store.Store, logger *slog.Logger) error {
	page, err := s.ListEntities(ctx, store.EntityQuery{First: 1})
	if err != nil || page.TotalCount > 0 {
		return err
	}
	d, err := seed.Dataset()
	if err != nil {
		return err
	}
	res, err := s.Apply(ctx, d, store.ApplyOptions{})
	if err != nil {
		return fmt.Errorf("load seed: %w", err)
	}
	logger.Info("seeded the empty store", "file", seed.FileName, "created", res.Created)
	return nil
}
