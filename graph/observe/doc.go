// Package observe makes the service visible to its operators: Prometheus
// metrics, OpenTelemetry traces, and the store's readiness as a background
// probe and every store call see it. The store is wrapped once (Store), so
// that every call is timed, traced and counted in one place.
package observe
