package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
)

// serve runs the HTTP server until ctx is cancelled, then shuts it down
// gracefully: requests under way get shutdownGrace to finish.
func serve(ctx context.Context, env *Env, args []string) error {
	var cfg config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&cfg.port, "port", envOr(env.Getenv, "PORT", "8080"), "TCP port to listen on (env PORT)")
	origins := fs.String("cors-origins", envOr(env.Getenv, "KG_CORS_ORIGINS", "*"), "comma-separated origins whose pages may call the API (CORS); * for any, none for same-origin only (env KG_CORS_ORIGINS)")
	fs.StringVar(&cfg.seed, "seed", envOr(env.Getenv, "KG_SEED", "auto"), "auto: load the built-in dataset into an empty store; never: start empty (env KG_SEED)")
	cfg.storeFlags(fs, env.Getenv)
	var protect serverLimits
	protect.register(fs, env.Getenv)
	var cacheMaxAge time.Duration
	protect.durationVar(fs, env.Getenv, &cacheMaxAge, "cache-max-age", "KG_CACHE_MAX_AGE", httpapi.DefaultCacheMaxAge, "how long browsers and CDNs may reuse a GET query's answer before revalidating it by ETag; 0 to always revalidate")
	u := usage{name: "serve", flags: fs, text: `Usage: kgraph [serve] [flags]

Serves the knowledge graph: GraphQL at /graphql, the explorer at /, the
playground at /playground, exports at /export/graph.json and
/export/graph.graphml, health checks at /healthz and /readyz. The embedded
store is used unless a Neo4j URI is given; an empty store is seeded.

Examples:
  kgraph                                   # embedded store in ./data/graph.db, port 8080
  PORT=9000 kgraph -data /var/lib/kgraph/graph.db
  NEO4J_URI=neo4j://db:7687 NEO4J_PASSWORD=secret kgraph
`}
	operands, shown, err := parseArgs(env, u, args)
	if err != nil || shown {
		return err
	}
	if len(operands) > 0 {
		return usageError(env, u, "unexpected arguments: %v", operands)
	}
	if cfg.seed != "auto" && cfg.seed != "never" {
		return fmt.Errorf("-seed must be auto or never, got %q", cfg.seed)
	}
	logger, err := cfg.logger(env.Stdout)
	if err != nil {
		return err
	}
	trusted, err := protect.resolve()
	if err != nil {
		return err
	}

	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	ready := prepare(ctx, s, cfg.seed == "auto", logger)

	ln, err := net.Listen("tcp", ":"+cfg.port)
	if err != nil {
		return err
	}
	srv := httpapi.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: logger, Ready: ready, Assets: env.FrontEnd, AllowedOrigins: splitList(*origins),
		Limits: protect.limits, RateLimit: protect.rate, TrustedDocuments: trusted, CacheMaxAge: orAlwaysRevalidate(cacheMaxAge)}), logger, protect.timeouts, httpapi.DefaultRequestDeadline)
	logger.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "playground", "/playground", "store", storeName(cfg))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

const shutdownGrace = 15 * time.Second

// orAlwaysRevalidate maps a max-age of 0 given on the command line to the
// Config's "always revalidate", as a zero Config field means the default.
func orAlwaysRevalidate(maxAge time.Duration) time.Duration {
	if maxAge == 0 {
		return -1
	}
	return maxAge
}

// prepare makes the store ready to serve: it waits until the store answers
// and then loads the seed into an empty store. It tries once at once (the
// embedded store is ready then) and otherwise keeps trying in the
// background with backoff, logging why. The function it returns reports
// whether the store is ready, and why not.
func prepare(ctx context.Context, s store.Store, seedEmpty bool, logger *slog.Logger) func(context.Context) error {
	var state atomic.Pointer[error]
	try := func() error {
		err := s.Ping(ctx)
		if err == nil && seedEmpty {
			err = seedIfEmpty(ctx, s, logger)
		}
		return err
	}
	notYet := store.Errorf(store.EUNAVAILABLE, "the store is starting or unreachable; retrying")
	err := try()
	if err != nil {
		var e error = notYet
		state.Store(&e)
		go func() {
			backoff := 250 * time.Millisecond
			for err != nil {
				logger.Warn("store not ready; retrying", "err", err, "in", backoff)
				select {
				case <-ctx.Done():
					return
				case <-time.After(backoff):
				}
				backoff = min(backoff*2, 10*time.Second)
				err = try()
			}
			state.Store(nil)
			logger.Info("store ready")
		}()
	}
	return func(ctx context.Context) error {
		if e := state.Load(); e != nil {
			return *e
		}
		return s.Ping(ctx)
	}
}

// splitList splits a comma-separated flag value; "none" and "" give nil.
func splitList(v string) []string {
	if v == "" || v == "none" {
		return nil
	}
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
