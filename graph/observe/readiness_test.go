package observe

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestReadinessFollowsTheStore walks a Readiness through start, outage and
// recovery: store calls move it only once started, each change is logged
// (WARN, then INFO) and shown by the gauge.
func TestReadinessFollowsTheStore(t *testing.T) {
	var logs bytes.Buffer // one goroutine writes and reads it
	m := NewMetrics()
	r := NewReadiness(slog.New(slog.NewTextHandler(&logs, nil)), m)
	gauge := func() float64 { return testutil.ToFloat64(m.ready) }

	r.Succeeded() // before Started: a seeding call must not open the doors
	if r.Err(t.Context()) == nil || gauge() != 0 {
		t.Fatal("ready before Started")
	}
	r.Started()
	if r.Err(t.Context()) != nil || gauge() != 1 {
		t.Fatal("not ready after Started")
	}
	r.Failed(errors.New("connection refused"))
	if err := r.Err(t.Context()); err == nil || !strings.Contains(err.Error(), "UNAVAILABLE") || gauge() != 0 {
		t.Fatalf("after a failed call: %v, gauge %v", err, gauge())
	}
	r.Failed(errors.New("connection refused")) // logged once per outage
	r.Succeeded()
	if r.Err(t.Context()) != nil || gauge() != 1 {
		t.Fatal("not ready after a call succeeded")
	}
	out := logs.String()
	if strings.Count(out, "level=WARN") != 1 || !strings.Contains(out, "connection refused") || strings.Count(out, "level=INFO") != 1 ||
		strings.Index(out, "level=WARN") > strings.Index(out, "level=INFO") {
		t.Fatalf("want one WARN with the cause, then one INFO:\n%s", out)
	}
}

// TestProbeFindsOutageAndRecovery runs the probe against a ping that fails
// for a while: readiness must follow it both ways, without any store call.
func TestProbeFindsOutageAndRecovery(t *testing.T) {
	r := NewReadiness(slog.New(slog.DiscardHandler), nil)
	r.Started()
	var down atomic.Bool
	ping := func(ctx context.Context) error {
		if down.Load() {
			<-ctx.Done() // a database that never answers
			return ctx.Err()
		}
		return nil
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		r.Probe(ctx, ping, ProbeSchedule{Ready: 10 * time.Millisecond, NotReady: 10 * time.Millisecond, Timeout: 20 * time.Millisecond})
		close(done)
	}()
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 5s", what)
			}
		}
	}
	down.Store(true)
	waitUntil("outage seen", func() bool { return r.Err(t.Context()) != nil })
	down.Store(false)
	waitUntil("recovery seen", func() bool { return r.Err(t.Context()) == nil })
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the probe did not stop with its context")
	}
}
