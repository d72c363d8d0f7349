package cli

import (
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"kgraph/graph/httpapi"
)

// serverLimits are the serve command's protections: what one request may
// ask for, how fast each client may send, how long a connection may take
// and, for public deployments, which documents may run. Each is a flag
// with an environment variable; the defaults are the README's.
type serverLimits struct {
	limits           httpapi.Limits
	rate             httpapi.RateLimit
	timeouts         httpapi.Timeouts
	streams          httpapi.StreamLimits
	trustedProxies   string
	trustedDocuments string
	// disableIntrospection reads the -introspection flag once parsed.
	disableIntrospection func() bool
	// errs holds environment values that are not numbers, reported by resolve.
	errs []error
}

// register adds the flags to fs, their defaults taken from getenv.
func (s *serverLimits) register(fs *flag.FlagSet, getenv func(string) string) {
	d := httpapi.DefaultLimits()
	l := &s.limits
	s.intVar(fs, getenv, &l.MaxBodyBytes, "max-body-bytes", "KG_MAX_BODY_BYTES", d.MaxBodyBytes, "largest request body, in bytes (413 past it)")
	s.intVar(fs, getenv, &l.MaxQueryBytes, "max-query-bytes", "KG_MAX_QUERY_BYTES", d.MaxQueryBytes, "largest GraphQL query text, in bytes")
	s.intVar(fs, getenv, &l.MaxTokens, "max-tokens", "KG_MAX_TOKENS", d.MaxTokens, "most tokens the GraphQL parser reads")
	s.intVar(fs, getenv, &l.MaxDepth, "max-depth", "KG_MAX_DEPTH", d.MaxDepth, "deepest nesting of fields")
	s.intVar(fs, getenv, &l.MaxAliases, "max-aliases", "KG_MAX_ALIASES", d.MaxAliases, "most aliased fields in an operation")
	s.intVar(fs, getenv, &l.MaxRootFields, "max-root-fields", "KG_MAX_ROOT_FIELDS", d.MaxRootFields, "most top-level fields in an operation")
	s.intVar(fs, getenv, &l.MaxFields, "max-fields", "KG_MAX_FIELDS", d.MaxFields, "most fields in an operation, fragments expanded")
	s.intVar(fs, getenv, &l.MaxDirectivesPerLocation, "max-directives-per-location", "KG_MAX_DIRECTIVES_PER_LOCATION", d.MaxDirectivesPerLocation, "most directives on one field, fragment or operation")
	s.intVar(fs, getenv, &l.MaxDirectives, "max-directives", "KG_MAX_DIRECTIVES", d.MaxDirectives, "most directives in a document")
	s.intVar(fs, getenv, &l.MaxComplexity, "max-complexity", "KG_MAX_COMPLEXITY", d.MaxComplexity, "largest estimated cost of an operation")
	s.boolVar(fs, getenv, &l.Batching, "batching", "KG_BATCHING", false, "accept a JSON array of GraphQL requests in one POST")
	s.intVar(fs, getenv, &l.MaxBatch, "max-batch", "KG_MAX_BATCH", d.MaxBatch, "most requests in a batch, when batching is on")
	introspection := true
	s.boolVar(fs, getenv, &introspection, "introspection", "KG_INTROSPECTION", true, "answer introspection (__schema, __type); off also drops field suggestions from errors")
	s.disableIntrospection = func() bool { return !introspection }
	s.floatVar(fs, getenv, &s.rate.PerSecond, "rate-limit", "KG_RATE_LIMIT", 20, "requests per second each client may send on average; 0 for no limit")
	s.intVar(fs, getenv, &s.rate.Burst, "rate-burst", "KG_RATE_BURST", 40, "requests a client may send at once above its rate")
	fs.StringVar(&s.trustedProxies, "trusted-proxies", getenv("KG_TRUSTED_PROXIES"), "comma-separated CIDRs of proxies whose X-Forwarded-For names the client (env KG_TRUSTED_PROXIES)")
	fs.StringVar(&s.trustedDocuments, "trusted-documents", getenv("KG_TRUSTED_DOCUMENTS"), "run only the GraphQL documents of this manifest (JSON object of sha256 hex to document text) (env KG_TRUSTED_DOCUMENTS)")
	t := httpapi.DefaultTimeouts()
	s.durationVar(fs, getenv, &s.timeouts.ReadHeader, "read-header-timeout", "KG_READ_HEADER_TIMEOUT", t.ReadHeader, "time to read a request's headers")
	s.durationVar(fs, getenv, &s.timeouts.Read, "read-timeout", "KG_READ_TIMEOUT", t.Read, "time to read a whole request, body included")
	s.durationVar(fs, getenv, &s.timeouts.Write, "write-timeout", "KG_WRITE_TIMEOUT", 0, "time to answer a request; at least the request deadline plus 10s")
	s.durationVar(fs, getenv, &s.timeouts.Idle, "idle-timeout", "KG_IDLE_TIMEOUT", t.Idle, "time a kept-alive connection waits for its next request")
	st, sd := &s.streams, httpapi.DefaultStreamLimits()
	s.intVar(fs, getenv, &st.PerClient, "streams-per-client", "KG_STREAMS_PER_CLIENT", sd.PerClient, "subscriptions (WebSocket connections and event streams) one client may hold open at once")
	s.intVar(fs, getenv, &st.PerConnection, "stream-operations", "KG_STREAM_OPERATIONS", sd.PerConnection, "operations that may run at once on one WebSocket connection")
	s.durationVar(fs, getenv, &st.KeepAlive, "stream-keepalive", "KG_STREAM_KEEPALIVE", sd.KeepAlive, "how often an open stream carries a keep-alive message")
	s.durationVar(fs, getenv, &st.Idle, "stream-idle-timeout", "KG_STREAM_IDLE_TIMEOUT", sd.Idle, "a WebSocket connection without a subscription this long is closed")
	s.durationVar(fs, getenv, &st.MaxDuration, "stream-max-duration", "KG_STREAM_MAX_DURATION", sd.MaxDuration, "the longest a WebSocket connection or event stream stays open")
	s.durationVar(fs, getenv, &st.InitTimeout, "ws-init-timeout", "KG_WS_INIT_TIMEOUT", sd.InitTimeout, "time a WebSocket connection has to send connection_init")
}

// resolve checks the values and reads the files they name.
func (s *serverLimits) resolve() (trusted map[string]string, err error) {
	if len(s.errs) > 0 {
		return nil, s.errs[0]
	}
	s.limits.DisableIntrospection = s.disableIntrospection()
	for _, cidr := range splitList(s.trustedProxies) {
		p, err := netip.ParsePrefix(cidr)
		if err != nil {
			addr, aerr := netip.ParseAddr(cidr)
			if aerr != nil {
				return nil, fmt.Errorf("-trusted-proxies: %q is not a CIDR or an address", cidr)
			}
			p = netip.PrefixFrom(addr, addr.BitLen())
		}
		s.rate.TrustedProxies = append(s.rate.TrustedProxies, p.Masked())
	}
	if s.trustedDocuments == "" {
		return nil, nil
	}
	return httpapi.LoadTrustedDocuments(s.trustedDocuments)
}

func (s *serverLimits) intVar(fs *flag.FlagSet, getenv func(string) string, p *int, name, env string, def int, usage string) {
	fs.IntVar(p, name, fromEnv(s, getenv, env, def, nonNegative(strconv.Atoi), "a whole number"), withEnv(usage, env))
}

func (s *serverLimits) floatVar(fs *flag.FlagSet, getenv func(string) string, p *float64, name, env string, def float64, usage string) {
	parse := func(v string) (float64, error) { return strconv.ParseFloat(v, 64) }
	fs.Float64Var(p, name, fromEnv(s, getenv, env, def, nonNegative(parse), "a number"), withEnv(usage, env))
}

func (s *serverLimits) boolVar(fs *flag.FlagSet, getenv func(string) string, p *bool, name, env string, def bool, usage string) {
	fs.BoolVar(p, name, fromEnv(s, getenv, env, def, strconv.ParseBool, "true or false"), withEnv(usage, env))
}

func (s *serverLimits) durationVar(fs *flag.FlagSet, getenv func(string) string, p *time.Duration, name, env string, def time.Duration, usage string) {
	fs.DurationVar(p, name, fromEnv(s, getenv, env, def, nonNegative(time.ParseDuration), "a duration such as 15s"), withEnv(usage, env))
}

// fromEnv is def, or the value of env when it is set; a value that does
// not parse is kept in s.errs, for resolve to report as not what.
func fromEnv[T any](s *serverLimits, getenv func(string) string, env string, def T, parse func(string) (T, error), what string) T {
	v := getenv(env)
	if v == "" {
		return def
	}
	t, err := parse(v)
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("%s=%q is not %s", env, v, what))
		return def
	}
	return t
}

// nonNegative refuses the negative values parse returns.
func nonNegative[T int | float64 | time.Duration](parse func(string) (T, error)) func(string) (T, error) {
	return func(v string) (T, error) {
		t, err := parse(v)
		if err == nil && t < 0 {
			err = errors.New("negative")
		}
		return t, err
	}
}

func withEnv(usage, env string) string { return fmt.Sprintf("%s (env %s)", usage, env) }
