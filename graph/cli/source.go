package cli

import (
	"io"
	"os"

	"kgraph/graph/dataset"
)

// stdinName is the operand that names standard input as the dataset file.
const stdinName = "-"

// openSource returns the dataset file that an operand names: a path, or
// "-" for standard input. Import and validate read a file more than once
// (to check it, then to apply it) and never hold it whole in memory, so
// standard input is first copied to a temporary file, which the returned
// function removes.
func openSource(env *Env, name string) (dataset.Source, func(), error) {
	if name != stdinName {
		return dataset.File(name), func() {}, nil
	}
	tmp, err := os.CreateTemp("", "kgraph-stdin-*.json")
	if err != nil {
		return dataset.Source{}, nil, err
	}
	remove := func() { os.Remove(tmp.Name()) }
	_, err = io.Copy(tmp, env.Stdin)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		remove()
		return dataset.Source{}, nil, err
	}
	src := dataset.File(tmp.Name())
	src.Name = "stdin"
	return src, remove, nil
}
