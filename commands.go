package main

import (
	"context"
	"errors"
	"io"
)

// command is one subcommand: it parses its own flags from args.
type command func(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error

// commands lists the subcommands; with none named, the binary serves.
var commands = map[string]command{
	"serve":       serve,
	"healthcheck": healthcheck,
	"validate":    validateCmd,
	"import":      importCmd,
	"export":      exportCmd,
}

// errUsage marks a command-line mistake; its message has already been shown.
var errUsage = errors.New("usage error")

// exitCode is 2 for command-line mistakes and 1 for any other failure.
func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}
