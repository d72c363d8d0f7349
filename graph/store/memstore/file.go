package memstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
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
	// The freelist is kept as a map of free extents rather than an array:
	// finding room for a large value (an import's change) in a file of
	// many free pages then takes constant time instead of a scan of them
	// all. The file format is the same.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second, InitialMmapSize: initialMmapSize, FreelistType: bolt.FreelistMapType})
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

// load reads the whole file into s: every section but the relations as a
// store.Dataset indexed as a write would, then the relations straight
// into their compact form, a chunk at a time, decoded on every core.
// bbolt iterates keys in byte order, which is the id order the store
// keeps, so the sorted lists are built by appending.
func (s *Store) load() error {
	err := s.file.db.View(func(tx *bolt.Tx) error {
		d := &store.Dataset{}
		err := errors.Join(
			loadBucket(tx, bucketKinds, &d.Vocabulary.EntityKinds),
			loadBucket(tx, bucketTypes, &d.Vocabulary.RelationTypes),
			loadBucket(tx, bucketSources, &d.Sources),
			loadBucket(tx, bucketEntities, &d.Entities),
		)
		if err != nil {
			return err
		}
		s.index(d)
		return s.loadRelations(tx.Bucket(bucketRelations))
	})
	if err != nil {
		return fmt.Errorf("read data file: %w", err)
	}
	return nil
}

// loadChunk is how many relations load decodes at a time.
const loadChunk = 4096

// loadRelations adds the relations of the bucket, in key order, to a
// store that holds none yet.
func (s *Store) loadRelations(b *bolt.Bucket) error {
	n := b.Stats().KeyN
	s.rels = make([]rel, 0, n)
	s.relOrder = make([]relNum, 0, n)
	keys := make([][]byte, 0, loadChunk)
	raws := make([][]byte, 0, loadChunk)
	decoded := make([]store.Relation, loadChunk)
	flush := func() error {
		if err := decodeAll(keys, raws, decoded, bucketRelations); err != nil {
			return err
		}
		ids := oneString(keys)
		for i := range raws {
			r := &decoded[i]
			// The id as a piece of one string for the whole chunk: a
			// string of its own per relation would hold a memory block
			// of its own too.
			if id := ids[:len(keys[i])]; id == r.ID {
				r.ID = id
			}
			ids = ids[len(keys[i]):]
			s.relOrder = append(s.relOrder, relNum(len(s.rels)))
			s.rels = append(s.rels, s.pack(r))
		}
		keys, raws = keys[:0], raws[:0]
		return nil
	}
	err := b.ForEach(func(k, v []byte) error {
		// Both point into the file's memory map, valid until the
		// transaction ends.
		keys, raws = append(keys, k), append(raws, v)
		if len(raws) == loadChunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	s.buildTouching()
	return nil
}

// oneString is parts joined in one string. The string stays in memory as
// long as any piece of it is used: the ids of relations deleted later
// stay until their whole chunk is gone, a few bytes each.
func oneString(parts [][]byte) string {
	var b strings.Builder
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	b.Grow(size)
	for _, p := range parts {
		b.Write(p)
	}
	return b.String()
}

// decodeAll decodes raws[i] into into[i], on every core.
func decodeAll[T any](keys, raws [][]byte, into []T, bucket []byte) error {
	workers := min(runtime.GOMAXPROCS(0), len(raws))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(raws); i += workers {
				var zero T
				into[i] = zero
				if err := json.Unmarshal(raws[i], &into[i]); err != nil {
					errs[w] = fmt.Errorf("%s/%s: %w", bucket, keys[i], err)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// buildTouching lists each entity's relations, in id order, in lists cut
// from one array of exactly the size they need; the caller holds the
// write lock or has the store to itself. A list that grows later is
// copied out (its capacity is its length), so that it never writes into
// its neighbour's.
func (s *Store) buildTouching() {
	counts := make(map[*store.Entity]int32, len(s.entities))
	total := 0
	for _, n := range s.relOrder {
		r := &s.rels[n]
		counts[r.from]++
		total++
		if r.to != r.from {
			counts[r.to]++
			total++
		}
	}
	all := make([]relNum, total)
	s.touching = make(map[string][]relNum, len(counts))
	for e, c := range counts {
		s.touching[e.ID], all = all[:0:c], all[c:]
	}
	for _, n := range s.relOrder {
		r := &s.rels[n]
		s.touching[r.from.ID] = append(s.touching[r.from.ID], n)
		if r.to != r.from {
			s.touching[r.to.ID] = append(s.touching[r.to.ID], n)
		}
	}
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
