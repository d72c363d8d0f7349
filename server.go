// Command kgraph serves the knowledge graph of historical states, treaties
// and their relations over GraphQL, with an explorer and a playground. With
// a subcommand it validates, imports or exports datasets instead. The
// commands live in package cli; this file connects them to the process.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"kgraph/graph/cli"
	"kgraph/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode(err))
}

// run runs the command line args with the process's environment and
// standard streams, serving the front end built into this binary.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return cli.Run(ctx, &cli.Env{Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr, FrontEnd: web.Dist()}, args)
}
