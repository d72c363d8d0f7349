package observe

import (
	"context"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the service's Prometheus collectors and the registry that
// /metrics serves. Each server has its own, so that tests can run several
// in one process.
type Metrics struct {
	// Registry is what /metrics serves; other packages register their
	// collectors (HTTP requests by route, for one) here.
	Registry *prometheus.Registry

	rejected     *prometheus.CounterVec
	cost         prometheus.Histogram
	storeLatency *prometheus.HistogramVec
	ready        prometheus.Gauge
}

// NewMetrics returns a registry with the service's collectors and Go's
// runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kgraph_rejected_requests_total",
			Help: "Requests refused before or instead of running, by reason (unavailable, timeout, and the limits' reasons).",
		}, []string{"reason"}),
		cost: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "kgraph_graphql_operation_cost",
			Help:    "Computed cost (complexity) of the GraphQL operations that passed validation.",
			Buckets: []float64{1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 20000},
		}),
		storeLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kgraph_store_call_duration_seconds",
			Help:    "Time of store calls, by method and outcome (ok or the error code).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "outcome"}),
		ready: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kgraph_store_ready",
			Help: "1 while the store can serve queries, 0 while it is starting or unreachable.",
		}),
	}
	m.Registry.MustRegister(m.rejected, m.cost, m.storeLatency, m.ready,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Rejected counts one request refused for reason: a short fixed word
// such as "timeout", "unavailable", "depth" or "rate_limit", never text
// taken from the request, so that the number of series stays bounded.
func (m *Metrics) Rejected(reason string) {
	if m != nil {
		m.rejected.WithLabelValues(reason).Inc()
	}
}

// OperationCost records the computed cost of an operation that is run.
func (m *Metrics) OperationCost(cost int) {
	if m != nil {
		m.cost.Observe(float64(cost))
	}
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

type metricsKey struct{}

// WithMetrics returns ctx carrying m, for Rejected to find.
func WithMetrics(ctx context.Context, m *Metrics) context.Context {
	return context.WithValue(ctx, metricsKey{}, m)
}

// Rejected counts one request refused for reason in the metrics that ctx
// carries (see WithMetrics); without any it does nothing. Code that sees
// only a request's context (limits, middleware, gqlgen extensions) calls it.
func Rejected(ctx context.Context, reason string) {
	m, _ := ctx.Value(metricsKey{}).(*Metrics)
	m.Rejected(reason)
}
