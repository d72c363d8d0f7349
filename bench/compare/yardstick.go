package main

import (
	vegeta "github.com/tsenart/vegeta/v12/lib"

	"kgraph/bench/internal/mix"
)

// The yardstick: kgraph embedded over the seed graph, measured on gqlgen's
// own {__typename} (which reads nothing: what HTTP, the handler and JSON
// cost alone) and on three small queries, in the same rounds as the mix.
// The embedded store's goals are set as fractions of {__typename}'s
// throughput on these queries (graph/httpapi's BenchmarkEmbeddedVsTypename
// sends the same ones through the handler in-process).

// yardstickKey names the seeded embedded server in Results.
const yardstickKey = "s"

// yardstickQuery is one query of the yardstick, with its goal as a
// fraction of {__typename}'s throughput (0 for typename itself).
type yardstickQuery struct {
	op, name, query string
	goal            float64
}

var yardstickQueries = []yardstickQuery{
	{"seed-typename", "{__typename}", `{ __typename }`, 0},
	{"seed-lookup", "lookup", `{ entity(id: "croatia") { id name } }`, 0.70},
	{"seed-1hop", "1-hop", `{ entity(id: "croatia") { relations(direction: OUT) { nodes { type start end to { id name } } } } }`, 0.45},
	{"seed-2hop", "2-hop", `{ neighborhood(id: "croatia", depth: 2) { entities { id } } }`, 0.30},
}

// yardstickDialect asks the seeded server the yardstick's queries.
type yardstickDialect struct{}

func (yardstickDialect) target(base, op string, _ mix.Args) vegeta.Target {
	for _, q := range yardstickQueries {
		if q.op == op {
			return graphQLTarget(base, q.query, nil)
		}
	}
	panic("no yardstick query " + op)
}

func (yardstickDialect) answer(string, []byte) (any, error) { return nil, nil }

func yardstickSystem(url string) System {
	return System{Key: yardstickKey, Name: "kgraph embedded over the seed graph: the yardstick of the embedded store's goals", URL: url, dialect: yardstickDialect{}}
}

// writeYardstick reports the embedded store's share of {__typename}'s
// throughput on the seed graph, against its goals.
func writeYardstick(p func(string, ...any), res Results) {
	tn := res[yardstickQueries[0].op][yardstickKey]
	if tn == nil || tn.Throughput() == 0 {
		return
	}
	p("")
	p("## Embedded against `{__typename}`")
	p("")
	p("(s) is kgraph embedded over the seed graph, measured in the same rounds as the mix with the same clients. gqlgen's own `{ __typename }` reads nothing: its throughput is what HTTP, the handler and JSON cost alone (%.0f req/s, p50 %s). The embedded store's share of it:", tn.Throughput(), ms(tn.P50))
	p("")
	p("| query | req/s | p50 | s / typename | goal |")
	p("|---|---:|---:|---:|---:|")
	for _, q := range yardstickQueries[1:] {
		c := res[q.op][yardstickKey]
		v, mark := c.Throughput()/tn.Throughput(), ""
		if v < q.goal {
			mark = " (below)"
		}
		p("| %s: `%s` | %.0f | %s | %.2f%s | >= %.2f |", q.name, q.query, c.Throughput(), ms(c.P50), v, mark, q.goal)
	}
}
