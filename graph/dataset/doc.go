// Package dataset reads dataset files: the JSON documents that hold a
// knowledge graph (its vocabulary, sources, entities and relations), as the
// seed, the import command and the validate command use them.
//
// A file is read as a stream, one element at a time, so that files larger
// than memory can be checked and imported. Each element is checked against
// the dataset's JSON Schema (built here from the rules of graph/store, and
// published as seed/dataset.schema.json by go generate) and decoded strictly; then the graph rules
// (ids unique and declared, periods in order; see store.Dataset.Validate)
// are checked in a second pass that keeps only ids in memory.
//
// Every problem names the file, the line, the element and the field.
package dataset
