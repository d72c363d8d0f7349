package dataset

import (
	"bytes"
	"io"
	"os"
)

// Source is a dataset file that can be read more than once: import reads
// it to validate it and again to apply it, so that it never holds the whole
// file in memory.
type Source struct {
	// Name is how problems name the file.
	Name string
	open func() (io.ReadCloser, error)
}

// File is the dataset file at path.
func File(path string) Source {
	return Source{Name: path, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Bytes is a dataset held in memory, such as an embedded seed.
func Bytes(name string, data []byte) Source {
	return Source{Name: name, open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
}

// Open opens the source for one reading.
func (s Source) Open() (io.ReadCloser, error) { return s.open() }
