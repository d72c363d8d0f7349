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
	"time"

	"kgraph/graph/httpapi"
	"kgraph/graph/live"
	"kgraph/graph/observe"
	"kgraph/graph/store"
	"kgraph/graph/store/readcache"
)

// serve runs the HTTP server until ctx is cancelled, then shuts it down
// gracefully: requests under way get the shutdown grace (longer than the
// request deadline) to finish.
func serve(ctx context.Context, env *Env, args []string) error {
	var cfg config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	portFlag(fs, env.Getenv, &cfg.port, "TCP port to listen on")
	origins := fs.String("cors-origins", envOr(env.Getenv, "KG_CORS_ORIGINS", "*"), "comma-separated origins whose pages may call the API (CORS); * for any, none for same-origin only (env KG_CORS_ORIGINS)")
	fs.StringVar(&cfg.seed, "seed", envOr(env.Getenv, "KG_SEED", "auto"), "auto: load the built-in dataset into an empty store; never: start empty (env KG_SEED)")
	cfg.storeFlags(fs, env.Getenv)
	var protect serverLimits
	protect.register(fs, env.Getenv)
	var credentials authFlags
	credentials.register(fs, env.Getenv)
	deadline := fs.Duration("deadline", httpapi.DefaultDeadline, "longest time one request may take, reading, parsing, validation and the store's work included; past it the request ends with a TIMEOUT error (env KG_REQUEST_DEADLINE)")
	grace := fs.Duration("shutdown-grace", 0, "how long a stopping server waits for requests under way; 0 means the deadline plus "+shutdownMargin.String()+", and it must exceed the deadline (env KG_SHUTDOWN_GRACE)")
	var cacheMaxAge time.Duration
	protect.durationVar(fs, env.Getenv, &cacheMaxAge, "cache-max-age", "KG_CACHE_MAX_AGE", httpapi.DefaultCacheMaxAge, "how long browsers and CDNs may reuse a GET query's answer before revalidating it by ETag; 0 to always revalidate")
	var liveInterval time.Duration
	protect.durationVar(fs, env.Getenv, &liveInterval, "live-interval", "KG_LIVE_INTERVAL", live.DefaultInterval, "how often the change log is read for graphChanged subscribers; writes through any replica reach them within it")
	var readCache time.Duration
	protect.durationVar(fs, env.Getenv, &readCache, "read-cache", "KG_READ_CACHE", readcache.DefaultInterval, "with Neo4j, keep query answers in memory until the graph changes, checking for changes made through other replicas at most this often; 0 turns the cache off")
	u := usage{name: "serve", flags: fs, text: `Usage: kgraph [serve] [flags]

Serves the knowledge graph: GraphQL at /graphql, the explorer at /, the
playground at /playground, exports at /export/graph.json and
/export/graph.graphml, health checks at /healthz and /readyz. The embedded
store is used unless a Neo4j URI is given; an empty store is seeded.

Writes need a bearer token: API keys from KG_API_KEYS (name:role:secret,
comma-separated) and JWTs verified with KG_JWT_HS256_SECRET or -jwt-keys;
secrets are read from the environment or files, never flags. Without any,
the server is read-only.

Examples:
  kgraph                                   # embedded store in ./data/graph.db, port 8080
  PORT=9000 kgraph -data /var/lib/kgraph/graph.db
  NEO4J_URI=neo4j://db:7687 NEO4J_PASSWORD=secret kgraph
`}
	if err := flagsFromEnv(fs, env.Getenv, map[string]string{"deadline": "KG_REQUEST_DEADLINE", "shutdown-grace": "KG_SHUTDOWN_GRACE"}); err != nil {
		return err
	}
	if shown, err := parseFlags(env, u, args); shown || err != nil {
		return err
	}
	if cfg.seed != "auto" && cfg.seed != "never" {
		return fmt.Errorf("-seed must be auto or never, got %q", cfg.seed)
	}
	if *deadline <= 0 {
		return fmt.Errorf("-deadline must be positive, got %s", *deadline)
	}
	if *grace == 0 {
		*grace = *deadline + shutdownMargin
	}
	if *grace <= *deadline {
		return fmt.Errorf("-shutdown-grace (%s) must exceed -deadline (%s), so that a stopping server lets every request under way finish", *grace, *deadline)
	}
	logger, err := cfg.logger(env.Stdout)
	if err != nil {
		return err
	}
	trusted, err := protect.resolve()
	if err != nil {
		return err
	}
	authn, err := credentials.authenticator()
	if err != nil {
		return err
	}
	tracer, stopTracing, err := observe.Tracing(ctx, env.Getenv)
	if err != nil {
		return err
	}
	defer func() { _ = stopTracing(context.Background()) }()

	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	metrics := observe.NewMetrics()
	ready := observe.NewReadiness(logger, metrics)
	prepare(ctx, s, cfg.seed == "auto", logger, ready)

	ln, err := net.Listen("tcp", ":"+cfg.port)
	if err != nil {
		return err
	}
	// The follower runs until the server has shut down: the shutdown ends
	// the open streams, saying why, and then nothing needs it.
	follower := live.New(s, live.Options{Interval: liveInterval, Logger: logger})
	followCtx, stopFollowing := context.WithCancel(ctx)
	defer stopFollowing()
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		_ = follower.Run(followCtx)
	}()
	stopping := make(chan struct{})
	protect.streams.Done = stopping
	srv := httpapi.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Logger: logger, Readiness: ready, Deadline: *deadline, Metrics: metrics, Tracer: tracer,
		Assets: env.FrontEnd, AllowedOrigins: splitList(*origins),
		Limits: protect.limits, RateLimit: protect.rate, TrustedDocuments: trusted,
		CacheMaxAge: orAlwaysRevalidate(cacheMaxAge), ReadCache: readCacheOptions(readCache),
		Auth: authn, Streams: protect.streams, Live: follower,
	}), logger, protect.timeouts, *deadline)
	srv.RegisterOnShutdown(func() { close(stopping) }) // open streams end, saying why
	logAuthentication(logger, authn)
	logger.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "playground", "/playground", "store", storeName(cfg),
		"deadline", deadline.String(), "tracing", tracer != nil)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", grace.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	stopFollowing()
	<-followed
	return nil
}

// shutdownMargin is how much longer than the request deadline a stopping
// server waits by default: time for the last requests' responses to be
// written after their deadline.
const shutdownMargin = 5 * time.Second

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
// background with backoff, logging why. Once prepared, the store is marked
// ready and a background probe runs until ctx ends, so that an outage, and
// the recovery from it, are noticed even when no request comes.
func prepare(ctx context.Context, s store.Store, seedEmpty bool, logger *slog.Logger, ready *observe.Readiness) {
	try := func() error {
		pctx, cancel := context.WithTimeout(ctx, observe.DefaultProbeSchedule.Timeout)
		defer cancel()
		err := s.Ping(pctx)
		if err == nil && seedEmpty {
			err = seedIfEmpty(ctx, s, logger)
		}
		return err
	}
	err := try()
	if err == nil {
		ready.Started()
		go ready.Probe(ctx, s.Ping, observe.DefaultProbeSchedule)
		return
	}
	go func() {
		backoff := 250 * time.Millisecond
		for ; err != nil; err = try() {
			logger.Warn("store not ready; retrying", "err", err, "in", backoff)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, 10*time.Second)
		}
		ready.Started()
		logger.Info("store ready")
		ready.Probe(ctx, s.Ping, observe.DefaultProbeSchedule)
	}()
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

// readCacheOptions turns the -read-cache interval into the cache's options;
// nil (no cache) for 0.
func readCacheOptions(interval time.Duration) *readcache.Options {
	if interval <= 0 {
		return nil
	}
	return &readcache.Options{Interval: interval}
}
