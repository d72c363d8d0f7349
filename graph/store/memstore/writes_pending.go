package memstore

import (
	"context"
	"errors"

	"kgraph/graph/store"
)

// These are replaced by the store's write path.

var errWritesPending = errors.New("writes are not implemented by this store yet")

// Write implements store.Store.
func (s *Store) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	return nil, errWritesPending
}

// Changes implements store.Store.
func (s *Store) Changes(ctx context.Context, q store.ChangeQuery) (*store.ChangePage, error) {
	return nil, errWritesPending
}

// Metas implements store.Store.
func (s *Store) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	return nil, errWritesPending
}
