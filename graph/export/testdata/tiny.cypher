// Knowledge graph export: Cypher for Neo4j 5. Idempotent: every node and
// relationship is MERGEd on its id, so running it again changes nothing.
// Run it with: cypher-shell -f graph.cypher
CREATE CONSTRAINT kgraph_entitykind_id IF NOT EXISTS FOR (n:EntityKind) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgraph_relationtype_id IF NOT EXISTS FOR (n:RelationType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgraph_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
MERGE (n:EntityKind {id: 'agreement'}) SET n = {id: 'agreement', label_en: 'Agreement'};
MERGE (n:EntityKind {id: 'state'}) SET n = {id: 'state', label_en: 'State', label_ar: 'دولة'};
MERGE (n:RelationType {id: 'BROKE_RELATIONS'}) SET n = {id: 'BROKE_RELATIONS', label_en: 'broke off relations with', inverse_label_en: 'broke off relations with', symmetric: true};
MERGE (n:RelationType {id: 'SIGNED'}) SET n = {id: 'SIGNED', label_en: 'signed', label_ar: 'وقّع', inverse_label_en: 'signed by', symmetric: false};
MERGE (n:Source {id: 'article'}) SET n = {id: 'article', title: 'An <article> & notes', language: 'en'};
MERGE (n:Entity {id: 'pact'}) SET n = {id: 'pact', kind: 'agreement', label_en: 'Tom & "Jerry\'s" <treaty> \\ back', description_en: 'Line one\nline two\ttabbed', start: '1955-06', start_first: 19550601};
MERGE (n:Entity {id: 'ussr'}) SET n = {id: 'ussr', kind: 'state', label_en: 'Soviet Union', label_ar: 'الاتحاد السوفيتي', aliases_en: ['USSR', 'Soviet Russia'], start: '1922-12-30', start_first: 19221230, end: '1991-12-26', end_last: 19911226, sources: ['article:2']};
MERGE (n:Entity {id: 'yugoslavia'}) SET n = {id: 'yugoslavia', kind: 'state', label_en: 'Yugoslavia', start: '1945', start_first: 19450101, end: '1992', end_last: 19921231};
MATCH (a:Entity {id: 'yugoslavia'}), (b:Entity {id: 'ussr'}) MERGE (a)-[r:BROKE_RELATIONS {id: 'break-1949'}]->(b) SET r = {id: 'break-1949', start: '1949', start_first: 19490101, end: '1949', end_last: 19491231, description_en: 'The \'split\'', description_ar: 'قطيعة', sources: ['article:3:1']};
MATCH (a:Entity {id: 'ussr'}), (b:Entity {id: 'pact'}) MERGE (a)-[r:SIGNED {id: 'ussr-signed-pact'}]->(b) SET r = {id: 'ussr-signed-pact', start: '1955-06', start_first: 19550601, end: '1955-06', end_last: 19550630, sources: ['article']};
