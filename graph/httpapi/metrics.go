package httpapi

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"kgraph/graph/observe"
)

// metrics counts requests and their durations per route, for Prometheus
// at /metrics, beside the service's own metrics (see package observe).
type metrics struct {
	*observe.Metrics
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(m *observe.Metrics) *metrics {
	hm := &metrics{
		Metrics: m,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kgraph_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kgraph_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
	}
	m.Registry.MustRegister(hm.requests, hm.duration)
	return hm
}

// instrument counts and times the requests of one route. The route is a
// fixed name, never the request's path, so that the number of series
// stays bounded whatever clients ask for.
func (m *metrics) instrument(route string, next http.Handler) http.Handler {
	labels := prometheus.Labels{"route": route}
	return promhttp.InstrumentHandlerDuration(m.duration.MustCurryWith(labels),
		promhttp.InstrumentHandlerCounter(m.requests.MustCurryWith(labels), next))
}
