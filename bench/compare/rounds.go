package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"kgraph/bench/internal/mix"
)

// Plan is how the systems are measured.
type Plan struct {
	// Rounds is how many times every (operation, system) pair is measured.
	Rounds int
	// Duration is how long one pair is measured per round.
	Duration time.Duration
	// Concurrency is the number of clients sending requests back to back.
	Concurrency int
}

// Cell is what was measured of one system on one operation.
type Cell struct {
	// Throughputs holds each round's successful requests per second.
	Throughputs []float64
	// metrics gathers every request of every round, for latencies.
	metrics vegeta.Metrics
	// P50 and P99 are latency percentiles over all rounds.
	P50, P99 time.Duration
	// Requests and Failures count the requests of all rounds.
	Requests, Failures uint64
	// FirstError is an example of a failure, if any.
	FirstError string
}

// Throughput is the median of the rounds' throughputs.
func (c *Cell) Throughput() float64 {
	t := append([]float64(nil), c.Throughputs...)
	sort.Float64s(t)
	if len(t) == 0 {
		return 0
	}
	if len(t)%2 == 1 {
		return t[len(t)/2]
	}
	return (t[len(t)/2-1] + t[len(t)/2]) / 2
}

// Results maps operation, then system key, to its cell.
type Results map[string]map[string]*Cell

// runRounds measures every system on every operation, in interleaved
// rounds: within a round each operation is sent to each system in turn,
// the order of systems rotating from round to round, so that a slow
// spell of a shared machine falls on all of them alike.
//
// The yardstick, when not nil, answers only its own queries
// (yardstickQueries), measured in each round after the mix.
func runRounds(systems []System, yardstick *System, a mix.Args, p Plan, progress io.Writer) Results {
	res := Results{typename: {}}
	for _, op := range mix.Operations {
		res[op] = map[string]*Cell{}
		for _, s := range systems {
			res[op][s.Key] = &Cell{}
		}
	}
	for _, s := range systems {
		if _, ok := s.dialect.(kgraphDialect); ok {
			res[typename][s.Key] = &Cell{}
		}
	}
	// One client per system, kept across rounds, so that every
	// measurement reuses warm connections; an attacker lasts one attack.
	clients := map[string]*http.Client{}
	everyone := systems
	if yardstick != nil {
		everyone = append(append([]System(nil), systems...), *yardstick)
		for _, q := range yardstickQueries {
			res[q.op] = map[string]*Cell{yardstick.Key: {}}
		}
	}
	for _, s := range everyone {
		clients[s.Key] = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
			MaxIdleConnsPerHost: p.Concurrency, MaxConnsPerHost: p.Concurrency, IdleConnTimeout: time.Minute}}
	}
	for round := 0; round < p.Rounds; round++ {
		for _, op := range append([]string{typename}, mix.Operations...) {
			for k := range systems {
				s := systems[(k+round)%len(systems)]
				if res[op][s.Key] == nil {
					continue
				}
				attacker := vegeta.NewAttacker(vegeta.Client(clients[s.Key]),
					vegeta.Workers(uint64(p.Concurrency)), vegeta.MaxWorkers(uint64(p.Concurrency)))
				measure(attacker, s, op, a, p.Duration, res[op][s.Key])
			}
		}
		if yardstick != nil {
			for _, q := range yardstickQueries {
				attacker := vegeta.NewAttacker(vegeta.Client(clients[yardstick.Key]),
					vegeta.Workers(uint64(p.Concurrency)), vegeta.MaxWorkers(uint64(p.Concurrency)))
				measure(attacker, *yardstick, q.op, a, p.Duration, res[q.op][yardstick.Key])
			}
		}
		fmt.Fprintf(progress, "round %d/%d done\n", round+1, p.Rounds)
	}
	for _, cells := range res {
		for _, c := range cells {
			c.metrics.Close()
			c.P50, c.P99 = c.metrics.Latencies.P50, c.metrics.Latencies.P99
		}
	}
	return res
}

// measure sends op to s from the attacker's clients, back to back, for d,
// and adds the round to c. A request fails unless it is a 200 without
// GraphQL errors.
func measure(attacker *vegeta.Attacker, s System, op string, a mix.Args, d time.Duration, c *Cell) {
	targeter := vegeta.NewStaticTargeter(s.dialect.target(s.URL, op, a))
	var round vegeta.Metrics
	for r := range attacker.Attack(targeter, vegeta.Rate{Freq: 0}, d, s.Key+op) {
		if r.Error == "" && (r.Code != http.StatusOK || bytes.Contains(r.Body, []byte(`"errors"`))) {
			r.Error = fmt.Sprintf("status %d: %.200s", r.Code, r.Body)
		}
		r.Body = nil
		round.Add(r)
		c.metrics.Add(r)
		c.Requests++
		if r.Error != "" {
			c.Failures++
			if c.FirstError == "" {
				c.FirstError = r.Error
			}
		}
	}
	round.Close()
	c.Throughputs = append(c.Throughputs, round.Throughput)
}

// checkFailures refuses results where a system failed requests: the
// throughput of a server that refuses its load measures nothing.
func (r Results) checkFailures() error {
	for op, bySystem := range r {
		for sys, c := range bySystem {
			if c.Failures > 0 {
				return fmt.Errorf("(%s) failed %d of %d %s requests: no report is written from failing servers (see its log in the work directory)", sys, c.Failures, c.Requests, op)
			}
		}
	}
	return nil
}
