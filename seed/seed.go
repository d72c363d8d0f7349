// Package seed holds the dataset the service starts with, embedded in the
// binary so that it runs from any directory: the Soviet-Yugoslav relations
// graph, taken from the Arabic encyclopedia article it cites.
package seed

import (
	_ "embed"

	"kgraph/graph/dataset"
	"kgraph/graph/store"
)

// FileName is the seed file's name, as problems with it are reported.
const FileName = "seed/soviet-yugoslav-relations.json"

//go:embed soviet-yugoslav-relations.json
var data []byte

// Dataset parses and validates the embedded seed.
func Dataset() (*store.Dataset, error) {
	return dataset.Load(FileName, data)
}
