package observe

import "github.com/prometheus/client_golang/prometheus"

// sessionPool is a store that holds a pool of database connections and
// says how much of it is in use (the Neo4j store does).
type sessionPool interface {
	// SessionsInUse is the number of database sessions open now.
	SessionsInUse() int
	// MaxConnections is the most connections the pool opens.
	MaxConnections() int
}

// watchPool exports p's use as gauges, read at each scrape.
func (m *Metrics) watchPool(p sessionPool) {
	m.Registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kgraph_neo4j_sessions_in_use",
			Help: "Neo4j sessions open now, each holding a pooled connection while it runs a transaction.",
		}, func() float64 { return float64(p.SessionsInUse()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kgraph_neo4j_pool_max_connections",
			Help: "Most connections the Neo4j driver's pool opens.",
		}, func() float64 { return float64(p.MaxConnections()) }),
	)
}
