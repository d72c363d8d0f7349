package neo4jstore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// A partial date is kept as four properties, for start and end alike:
// start, as written ("1955-06"); startFirst and startLast, Neo4j dates of
// the first and last day it covers (which Cypher compares and sorts);
// startPrecision, "year", "month" or "day". An unknown date has none of
// them. The date rules of package store compare only first and last days,
// so they run in Cypher, before any relation is sent back.

// Suffixes of the date properties.
const (
	suffixFirst     = "First"
	suffixLast      = "Last"
	suffixPrecision = "Precision"
)

// inForce is store.InForce(r.Start, r.End, at) in Cypher, for relationship
// variable v and the parameters atParams sets.
func inForce(v string) string {
	return fmt.Sprintf("(%[1]s.startFirst IS NULL OR %[1]s.startFirst <= $atLast) AND (%[1]s.endLast IS NULL OR %[1]s.endLast >= $atFirst)", v)
}

// atParams sets the parameters inForce reads.
func atParams(params map[string]any, at *store.PartialDate) {
	params["atFirst"] = neo4jDate(at.First())
	params["atLast"] = neo4jDate(at.Last())
}

// neo4jDate converts a YYYYMMDD day (store.PartialDate.First and Last) to a Neo4j date.
func neo4jDate(yyyymmdd int) neo4j.Date {
	return neo4j.DateOf(time.Date(yyyymmdd/10000, time.Month(yyyymmdd/100%100), yyyymmdd%100, 0, 0, 0, 0, time.UTC))
}

// setDate sets the four properties of date key, none when d is nil.
func (p props) setDate(key string, d *store.PartialDate) {
	if d == nil {
		return
	}
	p[key] = d.String()
	p[key+suffixFirst] = neo4jDate(d.First())
	p[key+suffixLast] = neo4jDate(d.Last())
	p[key+suffixPrecision] = d.Precision()
}

// date reads date key back from its first day and precision, which spares
// parsing the written form; nil when absent.
func (d *decoded) date(key string) *store.PartialDate {
	v, ok := d.p[key+suffixFirst]
	if !ok {
		return nil
	}
	first, ok := v.(neo4j.Date)
	if !ok {
		d.fail(key+suffixFirst, "a date", v)
		return nil
	}
	t := first.Time()
	out := &store.PartialDate{Year: t.Year()}
	switch d.string(key + suffixPrecision) {
	case "day":
		out.Month, out.Day = int(t.Month()), t.Day()
	case "month":
		out.Month = int(t.Month())
	case "year":
	default:
		d.fail(key+suffixPrecision, `"year", "month" or "day"`, d.p[key+suffixPrecision])
	}
	return out
}

// fail records the first malformed property.
func (d *decoded) fail(key, want string, got any) {
	if d.err == nil {
		d.err = fmt.Errorf("property %s is %T, not %s", key, got, want)
	}
}

// citationString writes a citation as "source", "source:paragraph" or
// "source:paragraph:sentence". Source ids are slugs, which hold no ":".
func citationString(c store.Citation) string {
	s := c.Source
	if c.Paragraph > 0 || c.Sentence > 0 {
		s += ":" + strconv.Itoa(c.Paragraph)
	}
	if c.Sentence > 0 {
		s += ":" + strconv.Itoa(c.Sentence)
	}
	return s
}

// parseCitation reads what citationString wrote.
func parseCitation(s string) (store.Citation, error) {
	parts := strings.Split(s, ":")
	c := store.Citation{Source: parts[0]}
	var err error
	if len(parts) > 1 {
		c.Paragraph, err = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 && err == nil {
		c.Sentence, err = strconv.Atoi(parts[2])
	}
	if err != nil || len(parts) > 3 {
		return c, fmt.Errorf("citation %q is not source[:paragraph[:sentence]]", s)
	}
	return c, nil
}
