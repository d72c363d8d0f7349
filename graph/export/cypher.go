package export

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore"
)

// EncodeCypher writes the dataset as a Cypher script for Neo4j 5, one
// statement per line, each ending in ";" (cypher-shell -f runs it). The
// script is the Neo4j store's own write plan (neo4jstore.ScriptFor): the
// same constraints and indexes, then each element written by the very
// statement the store's Apply runs, its row given as a literal where the
// store passes a parameter:
//
//	WITH {id: 'ussr', kind: 'state', name: 'Soviet Union', ...} AS row MERGE (n:Entity {id: row.id}) SET n = row;
//
// So a database loaded from the script is one the Neo4j store serves as
// if it had imported the dataset itself. Every statement is idempotent:
// running the script twice leaves the database as running it once.
func EncodeCypher(w io.Writer, d *store.Dataset) error {
	sc, err := neo4jstore.ScriptFor(sortedDataset(d))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	c := &cypherWriter{w: bw}
	c.line("// Knowledge graph export: Cypher for Neo4j 5, the graph as kgraph's Neo4j store")
	c.line("// writes it. Idempotent: every node and relationship is MERGEd on its id.")
	c.line("// Run it with: cypher-shell -f graph.cypher")
	for _, stmt := range sc.Schema {
		c.line("%s;", stmt)
	}
	for _, st := range sc.Writes {
		body, ok := strings.CutPrefix(st.Cypher, neo4jstore.RowsClause)
		if !ok {
			return fmt.Errorf("export: a Neo4j write does not start with %q: %s", neo4jstore.RowsClause, st.Cypher)
		}
		body = strings.ReplaceAll(body, "\n", " ")
		for _, row := range st.Rows {
			c.line("WITH %s AS row %s;", cypherValue(row), body)
		}
	}
	if c.err != nil {
		return c.err
	}
	return bw.Flush()
}

// sortedDataset returns d with every section in id order.
func sortedDataset(d *store.Dataset) *store.Dataset {
	return &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   sortedBy(d.Vocabulary.EntityKinds, func(k store.EntityKind) string { return k.ID }),
			RelationTypes: sortedBy(d.Vocabulary.RelationTypes, func(t store.RelationType) string { return t.ID }),
		},
		Sources:   sortedBy(d.Sources, func(s store.SourceDocument) string { return s.ID }),
		Entities:  sortedBy(d.Entities, func(e store.Entity) string { return e.ID }),
		Relations: sortedBy(d.Relations, func(r store.Relation) string { return r.ID }),
	}
}

// cypherWriter writes lines and keeps the first error.
type cypherWriter struct {
	w   *bufio.Writer
	err error
}

func (c *cypherWriter) line(format string, args ...any) {
	if c.err == nil {
		_, c.err = fmt.Fprintf(c.w, format+"\n", args...)
	}
}

// cypherValue writes a value of a Neo4j write's row as a Cypher literal.
// Map keys come in order, id first, so that the same row always reads the
// same.
func cypherValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return cypherString(v)
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case neo4j.Date:
		return "date(" + cypherString(v.Time().Format(time.DateOnly)) + ")"
	case []string:
		items := make([]string, len(v))
		for i, s := range v {
			items[i] = cypherString(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case map[string]any:
		keys := slices.SortedFunc(maps.Keys(v), func(a, b string) int {
			return cmp.Or(-cmp.Compare(boolInt(a == "id"), boolInt(b == "id")), cmp.Compare(a, b))
		})
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = cypherName(k) + ": " + cypherValue(v[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	panic(fmt.Sprintf("export: Cypher value of unexpected type %T", v))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cypherString quotes s as a Cypher string literal. Backslashes and quotes
// are escaped, and so is every control character and line separator, so
// that a literal never spans lines and no text can end a statement early.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// cypherName writes a label, relationship type or property key, quoting it
// in backticks (doubled inside) unless it is a plain identifier. Relation
// types from the vocabulary are UPPER_SNAKE_CASE and stay as they are.
func cypherName(s string) string {
	if plainName.MatchString(s) {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}
