// Command kgraph serves the knowledge graph of historical states, treaties
// and their relations over GraphQL, with an explorer and a playground. With
// a subcommand it validates, imports or exports datasets instead.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		if !errors.Is(err, errUsage) { // a usage mistake has been explained already
			fmt.Fprintln(os.Stderr, "kgraph:", err)
		}
		os.Exit(exitCode(err))
	}
}

// run is the whole program: args are the command line (args[0] is the
// program name), getenv reads the environment, stdout takes the output. It
// returns when the work is done or, for the server, when ctx is cancelled.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	name, rest := "serve", args[1:]
	if len(rest) > 0 && commands[rest[0]] != nil {
		name, rest = rest[0], rest[1:]
	}
	return commands[name](ctx, rest, getenv, stdout)
}
