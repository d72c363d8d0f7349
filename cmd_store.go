package main

import (
	"context"
	"os"

	"kgraph/graph/store"
)

// openCommandStore opens the store the configuration names, for a command
// that exits when done: logs go to stderr, leaving stdout to the command's
// output, and an embedded data file held by a running server is explained.
func openCommandStore(ctx context.Context, cfg config) (store.Store, error) {
	logger, err := cfg.logger(os.Stderr)
	if err != nil {
		return nil, err
	}
	s, err := openStore(ctx, cfg, logger)
	if store.ErrorCode(err) == store.ECONFLICT {
		return nil, store.Errorf(store.ECONFLICT, "%s; stop the server, or give another data file with -data, and try again", store.ErrorMessage(err))
	}
	return s, err
}
