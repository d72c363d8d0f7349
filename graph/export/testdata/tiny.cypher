// Knowledge graph export: Cypher for Neo4j 5, the graph as kgraph's Neo4j store
// writes it. Idempotent: every node and relationship is MERGEd on its id.
// Run it with: cypher-shell -f graph.cypher
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entity_kind_id IF NOT EXISTS FOR (n:EntityKind) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relation_type_id IF NOT EXISTS FOR (n:RelationType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_document_id IF NOT EXISTS FOR (n:SourceDocument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT apply_lock_id IF NOT EXISTS FOR (n:ApplyLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_model_id IF NOT EXISTS FOR (n:GraphModel) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE CONSTRAINT `relation_id_BROKE_RELATIONS` IF NOT EXISTS FOR ()-[r:`BROKE_RELATIONS`]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT `relation_id_SIGNED` IF NOT EXISTS FOR ()-[r:`SIGNED`]-() REQUIRE r.id IS UNIQUE;
WITH {id: 'agreement', name: 'Agreement', name_en: 'Agreement'} AS row MERGE (k:EntityKind {id: row.id}) SET k = row;
WITH {id: 'state', name: 'State', name_ar: 'دولة', name_en: 'State'} AS row MERGE (k:EntityKind {id: row.id}) SET k = row;
WITH {id: 'BROKE_RELATIONS', inverseName_en: 'broke off relations with', name: 'broke off relations with', name_en: 'broke off relations with', symmetric: true} AS row MERGE (t:RelationType {id: row.id}) SET t = row;
WITH {id: 'SIGNED', inverseName_en: 'signed by', name: 'signed', name_ar: 'وقّع', name_en: 'signed', symmetric: false} AS row MERGE (t:RelationType {id: row.id}) SET t = row;
WITH {id: 'article', language: 'en', title: 'An <article> & notes'} AS row MERGE (d:SourceDocument {id: row.id}) SET d = row;
WITH {id: 'pact', description_en: 'Line one\nline two\ttabbed', kind: 'agreement', name: 'Tom & "Jerry\'s" <treaty> \\ back', name_en: 'Tom & "Jerry\'s" <treaty> \\ back', searchKeys: ['en:label:tom jery s treaty back'], searchText: 'tom jery s treaty back', start: '1955-06', startFirst: date('1955-06-01'), startLast: date('1955-06-30'), startPrecision: 'month'} AS row MERGE (n:Entity {id: row.id}) SET n = row;
WITH {id: 'ussr', aliases_en: ['USSR', 'Soviet Russia'], end: '1991-12-26', endFirst: date('1991-12-26'), endLast: date('1991-12-26'), endPrecision: 'day', kind: 'state', name: 'Soviet Union', name_ar: 'الاتحاد السوفيتي', name_en: 'Soviet Union', searchKeys: ['ar:label:اتحاد سوفيتي', 'en:label:soviet union', 'en:alias:usr', 'en:alias:soviet rusia'], searchText: 'اتحاد سوفيتي\nsoviet union\nusr\nsoviet rusia', sources: ['article:2'], start: '1922-12-30', startFirst: date('1922-12-30'), startLast: date('1922-12-30'), startPrecision: 'day'} AS row MERGE (n:Entity {id: row.id}) SET n = row;
WITH {id: 'yugoslavia', end: '1992', endFirst: date('1992-01-01'), endLast: date('1992-12-31'), endPrecision: 'year', kind: 'state', name: 'Yugoslavia', name_en: 'Yugoslavia', searchKeys: ['en:label:yugoslavia'], searchText: 'yugoslavia', start: '1945', startFirst: date('1945-01-01'), startLast: date('1945-12-31'), startPrecision: 'year'} AS row MERGE (n:Entity {id: row.id}) SET n = row;
WITH {from: 'yugoslavia', props: {id: 'break-1949', description_ar: 'قطيعة', description_en: 'The \'split\'', end: '1949', endFirst: date('1949-01-01'), endLast: date('1949-12-31'), endPrecision: 'year', sources: ['article:3:1'], start: '1949', startFirst: date('1949-01-01'), startLast: date('1949-12-31'), startPrecision: 'year'}, to: 'ussr'} AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) MERGE (a)-[r:`BROKE_RELATIONS` {id: row.props.id}]->(b) SET r = row.props;
WITH {from: 'ussr', props: {id: 'ussr-signed-pact', end: '1955-06', endFirst: date('1955-06-01'), endLast: date('1955-06-30'), endPrecision: 'month', sources: ['article'], start: '1955-06', startFirst: date('1955-06-01'), startLast: date('1955-06-30'), startPrecision: 'month'}, to: 'pact'} AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) MERGE (a)-[r:`SIGNED` {id: row.props.id}]->(b) SET r = row.props;
