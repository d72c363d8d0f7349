// Package cli does the work of the validate, import and export commands:
// checking a dataset file and reporting its problems, importing it in
// batches with progress, and exporting the graph to a file. Package main
// parses the command line, opens the store and calls it.
package cli
