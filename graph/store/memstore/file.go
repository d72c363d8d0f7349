package memstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"kgraph/graph/store"
)

// The data file keeps one bucket per section, each element stored as JSON
// under its id, so that a change rewrites only the elements it touches.
var (
	bucketKinds     = []byte("entityKinds")
	bucketTypes     = []byte("relationTypes")
	bucketSources   = []byte("sources")
	bucketEntities  = []byte("entities")
	bucketRelations = []byte("relations")
	// bucketMetas holds each entity's and relation's store.Meta, as JSON
	// under its id; an element without one is at version 1.
	bucketMetas = []byte("metas")
	// bucketChanges is the change log: each store.Change as JSON under its
	// Seq, 8 bytes big-endian, so that byte order is commit order.
	bucketChanges = []byte("changes")
	allBuckets    = [][]byte{bucketKinds, bucketTypes, bucketSources, bucketEntities, bucketRelations, bucketMetas, bucketChanges}
)

// initialMmapSize is the size of the data file's first memory map.
const initialMmapSize = 512 << 20

// file is the bbolt data file.
type file struct{ db *bolt.DB }

func openFile(path string) (*file, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	}
	// The map is reserved large up front (address space, not memory): when a
	// write outgrows it, bbolt remaps the file and copies every page the
	// write holds onto the heap, which would more than double what a
	// large import costs.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second, InitialMmapSize: initialMmapSize})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, store.Errorf(store.ECONFLICT, "the data file %s is in use by another process (is the server running?)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open data file %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare data file %s: %w", path, err)
	}
	return &file{db: db}, nil
}

func (f *file) close() error { return f.db.Close() }

// load reads the whole file; bbolt iterates keys in byte order, which is
// the id order the store keeps.
func (f *file) load() (*store.Dataset, error) {
	d := &store.Dataset{}
	err := f.db.View(func(tx *bolt.Tx) error {
		return errors.Join(
			loadBucket(tx, bucketKinds, &d.Vocabulary.EntityKinds),
			loadBucket(tx, bucketTypes, &d.Vocabulary.RelationTypes),
			loadBucket(tx, bucketSources, &d.Sources),
			loadBucket(tx, bucketEntities, &d.Entities),
			loadBucket(tx, bucketRelations, &d.Relations),
		)
	})
	if err != nil {
		return nil, fmt.Errorf("read data file: %w", err)
	}
	return d, nil
}

func loadBucket[T any](tx *bolt.Tx, name []byte, into *[]T) error {
	// Sized up front: the elements stay in this slice as long as the store
	// is open, so room a growing slice leaves over would stay wasted.
	*into = make([]T, 0, tx.Bucket(name).Stats().KeyN)
	return tx.Bucket(name).ForEach(func(k, v []byte) error {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return fmt.Errorf("%s/%s: %w", name, k, err)
		}
		*into = append(*into, x)
		return nil
	})
}
