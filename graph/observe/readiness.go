package observe

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"kgraph/graph/store"
)

// Readiness is whether the store can serve queries now. It starts not
// ready; Started makes it ready once the server has prepared the store
// (reached it, seeded it). After that, every store call updates it as a
// side effect (see Store) and Probe checks it in the background, so that
// asking costs nothing: no request waits for a ping.
//
// A store call that succeeds marks it ready at once; one that fails
// because the store is unreachable marks it not ready, and so does a
// failed probe. Each change is logged: WARN when service is lost, INFO
// when it is back.
type Readiness struct {
	logger  *slog.Logger
	metrics *Metrics

	mu      sync.Mutex
	started bool
	err     error     // nil when ready
	since   time.Time // when err was set
}

// NewReadiness returns a Readiness that is not ready until Started; m,
// when not nil, gets its readiness gauge.
func NewReadiness(logger *slog.Logger, m *Metrics) *Readiness {
	r := &Readiness{logger: logger, metrics: m, err: errStarting, since: time.Now()}
	r.setGauge(false)
	return r
}

var errStarting = store.Errorf(store.EUNAVAILABLE, "the store is starting or unreachable; retrying")

// Err is nil when the store is ready, and an EUNAVAILABLE error that says
// why when it is not. It does no I/O.
func (r *Readiness) Err(context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Started marks the store ready for the first time: from now on store
// calls and probes move the state.
func (r *Readiness) Started() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started = true
	r.err = nil
	r.setGauge(true)
}

// Succeeded records that the store answered.
func (r *Readiness) Succeeded() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started || r.err == nil {
		return
	}
	r.logger.Info("store available again; serving", "after", time.Since(r.since).Round(time.Millisecond).String())
	r.err = nil
	r.setGauge(true)
}

// Failed records that the store could not be reached: cause says why, for
// the log; callers are told only that the store is unavailable.
func (r *Readiness) Failed(cause error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started || r.err != nil {
		return
	}
	r.logger.Warn("store unavailable; refusing requests until it answers", "err", cause)
	r.err = store.Errorf(store.EUNAVAILABLE, "the graph database cannot be reached; try again later")
	r.since = time.Now()
	r.setGauge(false)
}

func (r *Readiness) setGauge(ready bool) {
	if r.metrics == nil {
		return
	}
	v := 0.0
	if ready {
		v = 1
	}
	r.metrics.ready.Set(v)
}

// ProbeSchedule is how often Probe pings the store.
type ProbeSchedule struct {
	// Ready is the interval while the store is ready: store calls may
	// notice an outage first; the probe finds one when they do not (the
	// driver retries until their deadline) or when idle.
	Ready time.Duration
	// NotReady is the interval during an outage, which bounds how long
	// service stays refused after the store answers again.
	NotReady time.Duration
	// Timeout bounds one ping: a store that accepts connections and never
	// answers counts as down after it.
	Timeout time.Duration
}

// DefaultProbeSchedule finds a refused connection within a second, a
// database that does not answer within three, and a recovery within half a
// second. A ping is one round trip on a pooled connection.
var DefaultProbeSchedule = ProbeSchedule{Ready: time.Second, NotReady: 500 * time.Millisecond, Timeout: 2 * time.Second}

// Probe pings the store on schedule until ctx ends, recording each
// outcome. Call it once Started.
func (r *Readiness) Probe(ctx context.Context, ping func(context.Context) error, sched ProbeSchedule) {
	for {
		every := sched.Ready
		if r.Err(ctx) != nil {
			every = sched.NotReady
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		pctx, cancel := context.WithTimeout(ctx, sched.Timeout)
		err := ping(pctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			r.Failed(err)
		default:
			r.Succeeded()
		}
	}
}
