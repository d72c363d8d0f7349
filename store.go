package main

import (
	"context"
	"fmt"
	"log/slog"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/neo4jstore"
	"kgraph/seed"
)

// openStore opens the store the configuration names: Neo4j when a URI is
// given, the embedded store otherwise.
func openStore(ctx context.Context, cfg config, logger *slog.Logger) (store.Store, error) {
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
