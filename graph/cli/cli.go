package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"kgraph/graph/store"
)

// Env is what a command gets from the process that runs it. Commands read
// and write only through it, never through os.Stdin, os.Stdout or
// os.Stderr, so that tests can run them in-process and read what they say.
type Env struct {
	// Getenv reads the environment.
	Getenv func(string) string
	// Stdin is the standard input (a dataset given as "-").
	Stdin io.Reader
	// Stdout takes a command's output: exports, summaries, the server's log.
	Stdout io.Writer
	// Stderr takes usage mistakes, progress and the logs of commands whose
	// output is on Stdout.
	Stderr io.Writer
	// FrontEnd is the built explorer and playground that the server serves
	// (see package web); nil when there is none.
	FrontEnd fs.FS
}

// command is one subcommand: it parses its own flags from args.
type command func(ctx context.Context, env *Env, args []string) error

// commands lists the subcommands; with none named, the binary serves.
var commands = map[string]command{
	"serve":       serve,
	"healthcheck": healthcheck,
	"validate":    validateCmd,
	"import":      importCmd,
	"export":      exportCmd,
	"changes":     changesCmd,
}

// Run is the whole program: args are the command line (args[0] is the
// program name). It returns when the work is done or, for the server, when
// ctx is cancelled. A failure has been reported on env.Stderr when Run
// returns; ExitCode gives the exit status for it.
func Run(ctx context.Context, env *Env, args []string) error {
	name, rest := "serve", args[1:]
	if len(rest) > 0 && commands[rest[0]] != nil {
		name, rest = rest[0], rest[1:]
	}
	err := commands[name](ctx, env, rest)
	if err != nil && !errors.Is(err, errUsage) { // a usage mistake has been explained already
		fmt.Fprintln(env.Stderr, "kgraph:", message(err))
	}
	return err
}

// message is what the command line says of err: a store error's code is
// for programs (the GraphQL API shows it), so a person reads its message.
func message(err error) string {
	var se *store.Error
	if errors.As(err, &se) && err == error(se) {
		return se.Message
	}
	return err.Error()
}

// errUsage marks a command-line mistake; its message has already been shown.
var errUsage = errors.New("usage error")

// ExitCode is the exit status for what Run returned: 0 for success, 2 for
// command-line mistakes and 1 for any other failure.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	return 1
}
