// Package store defines the knowledge graph's domain types (entities,
// relations, the vocabulary that types them, partial dates, citations), the
// Store interface every storage backend implements, and the error codes the
// API reports.
//
// The rules that give a query its meaning (what "in force at" means, how
// search text is normalized and ranked, how pages and paths are chosen) live
// here too, so that every backend answers the same question the same way.
package store
