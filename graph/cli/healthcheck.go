package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"
)

// healthcheck asks a running server on this machine whether it is ready,
// for container health checks in images that have no curl: exit 0 when
// /readyz answers 200, 1 otherwise.
func healthcheck(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	port := fs.String("port", envOr(env.Getenv, "PORT", "8080"), "port of the server to check (env PORT)")
	u := usage{name: "healthcheck", flags: fs, text: `Usage: kgraph healthcheck [flags]

Asks the server running on this machine whether it is ready (GET /readyz):
exit status 0 when it is, 1 when it is not. For container health checks.

Example:
  kgraph healthcheck -port 8080
`}
	operands, shown, err := parseArgs(env, u, args)
	if err != nil || shown {
		return err
	}
	if len(operands) > 0 {
		return usageError(env, u, "unexpected arguments: %v", operands)
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+*port+"/readyz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not ready: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s %s", resp.Status, body)
	}
	fmt.Fprintf(env.Stdout, "%s", body)
	return nil
}
