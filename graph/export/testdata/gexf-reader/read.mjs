// Reads the GEXF file named on the command line with graphology-gexf and
// prints what it read as JSON: {"type", "multi", "nodes": [{"key",
// "attributes"}], "edges": [{"key", "source", "target", "attributes"}]}.
// The XML is parsed first by xmldom with every warning and error fatal, so
// that a file a lenient reader would half-read fails instead. Exits 1 with
// the reader's message when the file cannot be read.
import { readFileSync } from 'node:fs';
import xmldom from '@xmldom/xmldom';
import graphology from 'graphology';
import gexf from 'graphology-gexf/node/index.js';

const fail = (level) => (msg) => { throw new Error(`XML ${level}: ${msg}`); };
try {
  const text = readFileSync(process.argv[2], 'utf8');
  const doc = new xmldom.DOMParser({
    errorHandler: { warning: fail('warning'), error: fail('error'), fatalError: fail('fatal error') },
  }).parseFromString(text, 'application/xml');
  const graph = gexf.parse(graphology.Graph, doc);
  const out = { type: graph.type, multi: graph.multi, nodes: [], edges: [] };
  graph.forEachNode((key, attributes) => out.nodes.push({ key, attributes }));
  graph.forEachEdge((key, attributes, source, target) => out.edges.push({ key, source, target, attributes }));
  process.stdout.write(JSON.stringify(out));
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
