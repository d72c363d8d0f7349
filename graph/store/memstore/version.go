package memstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"kgraph/graph/store"
)

// bucketMeta holds the graph's version, written in the same transaction as
// the change it counts.
var (
	bucketMeta = []byte("meta")
	keyVersion = "version"
)

// version names the stored content: a counter raised by every Apply that
// changes the graph, and an epoch drawn when the data file is created, so
// that a new file never repeats the versions of one it replaced.
type version struct {
	Epoch   string `json:"epoch"`
	Counter uint64 `json:"counter"`
}

func (v version) String() string { return fmt.Sprintf("%s-%d", v.Epoch, v.Counter) }

func (v version) next() version { return version{Epoch: v.Epoch, Counter: v.Counter + 1} }

// Version implements store.Store.
func (s *Store) Version(ctx context.Context) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version.String(), ctx.Err()
}

// loadVersion reads the file's version, giving a new file its epoch.
func (f *file) loadVersion() (version, error) {
	var v version
	err := f.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if raw := b.Get([]byte(keyVersion)); raw != nil {
			return json.Unmarshal(raw, &v)
		}
		v = version{Epoch: rand.Text()[:12]}
		return b.Put([]byte(keyVersion), store.MustJSON(v))
	})
	if err != nil {
		return version{}, fmt.Errorf("read the data file's version: %w", err)
	}
	return v, nil
}
