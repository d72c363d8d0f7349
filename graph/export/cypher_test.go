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
		"SIGNED": "SIGNED", "label_en": "label_en", "label_sr-Latn": "`label_sr-Latn`", "a`b": "`a``b`",
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
		"CREATE CONSTRAINT kgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
		`MERGE (n:Entity {id: 'pact'}) SET n = {id: 'pact', kind: 'agreement', label_en: 'Tom & "Jerry\'s" <treaty> \\ back', description_en: 'Line one\nline two\ttabbed', start: '1955-06', start_first: 19550601};`,
		`aliases_en: ['USSR', 'Soviet Russia']`,
		`MATCH (a:Entity {id: 'yugoslavia'}), (b:Entity {id: 'ussr'}) MERGE (a)-[r:BROKE_RELATIONS {id: 'break-1949'}]->(b) SET r = {id: 'break-1949', start: '1949', start_first: 19490101, end: '1949', end_last: 19491231, description_en: 'The \'split\'', description_ar: 'قطيعة', sources: ['article:3:1']};`,
		`MERGE (n:RelationType {id: 'BROKE_RELATIONS'}) SET n = {id: 'BROKE_RELATIONS', label_en: 'broke off relations with', inverse_label_en: 'broke off relations with', symmetric: true};`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the script lacks\n%s\n--- script:\n%s", want, script)
		}
	}
}
