package export

import (
	"strings"
	"testing"
)

func TestCypherString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 `'plain'`,
		`it's`:                  `'it\'s'`,
		`back\slash`:            `'back\\slash'`,
		"two\nlines\r\tx":       `'two\nlines\r\tx'`,
		"bell\x07 sep\u2028":    `'bell\u0007 sep\u2028'`,
		`"quoted"`:              `'"quoted"'`,
		"الاتحاد السوفيتي":      `'الاتحاد السوفيتي'`,
		`'; MATCH (n) DELETE n`: `'\'; MATCH (n) DELETE n'`,
	} {
		if got := cypherString(in); got != want {
			t.Errorf("cypherString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCypherName(t *testing.T) {
	for in, want := range map[string]string{
		"SIGNED": "SIGNED", "name_en": "name_en", "name_sr-Latn": "`name_sr-Latn`", "a`b": "`a``b`",
	} {
		if got := cypherName(in); got != want {
			t.Errorf("cypherName(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCypherScript(t *testing.T) {
	script := string(encode(t, Cypher, tinyDataset()))
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	for _, line := range lines {
		if !strings.HasPrefix(line, "//") && !strings.HasSuffix(line, ";") {
			t.Errorf("a statement that does not end its line: %s", line)
		}
	}
	for _, want := range []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
		"CREATE CONSTRAINT `relation_id_SIGNED` IF NOT EXISTS FOR ()-[r:`SIGNED`]-() REQUIRE r.id IS UNIQUE;",
		`WITH {id: 'pact', description_en: 'Line one\nline two\ttabbed', kind: 'agreement', name: 'Tom & "Jerry\'s" <treaty> \\ back', name_en: 'Tom & "Jerry\'s" <treaty> \\ back', searchKeys: ['en:label:tom jery s treaty back'], searchText: 'tom jery s treaty back', start: '1955-06', startFirst: date('1955-06-01'), startLast: date('1955-06-30'), startPrecision: 'month'} AS row MERGE (n:Entity {id: row.id}) SET n = row;`,
		`aliases_en: ['USSR', 'Soviet Russia']`,
		`sources: ['article:3:1']`,
		"WITH {from: 'ussr', props: {id: 'ussr-signed-pact', end: '1955-06', endFirst: date('1955-06-01'), endLast: date('1955-06-30'), endPrecision: 'month', sources: ['article'], start: '1955-06', startFirst: date('1955-06-01'), startLast: date('1955-06-30'), startPrecision: 'month'}, to: 'pact'} AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) MERGE (a)-[r:`SIGNED` {id: row.props.id}]->(b) SET r = row.props;",
		`WITH {id: 'BROKE_RELATIONS', inverseName_en: 'broke off relations with', name: 'broke off relations with', name_en: 'broke off relations with', symmetric: true} AS row MERGE (t:RelationType {id: row.id}) SET t = row;`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the script lacks\n%s\n--- script:\n%s", want, script)
		}
	}
}
