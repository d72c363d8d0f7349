// Package export turns the knowledge graph, or a part of it, into files
// other tools read: the dataset JSON the seed and the import command use,
// Cytoscape.js elements JSON, GraphML (Gephi, yEd, Cytoscape desktop), GEXF
// (Gephi, with the dates its timeline plays), DOT (Graphviz) and a Cypher
// script for Neo4j.
//
// Select builds the part of the graph a Filter asks for, and each Format
// encodes a store.Dataset, so that the HTTP exports and the export command
// give the same bytes for the same graph and filter. Every encoder is
// deterministic: the same dataset always encodes to the same bytes, so that
// exports can be diffed, cached and tested against golden files.
package export
