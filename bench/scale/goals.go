package main

import (
	"fmt"
	"strings"
	"time"
)

// The goals the embedded store is held to at a million relations.
const (
	goalRelations   = 1_000_000
	goalImport      = 60 * time.Second
	goalHeap        = 250.0 // bytes per relation
	goalNeo4jImport = 5 * time.Minute
)

// writeGoals says, for the largest run, which goals are met and by how
// much the others are missed, then where the time and memory go.
func writeGoals(b *strings.Builder, reports []*Report) {
	if len(reports) == 0 {
		return
	}
	r := reports[0]
	for _, x := range reports {
		if x.Relations > r.Relations {
			r = x
		}
	}
	b.WriteString("\n## Goals\n\n")
	if r.Relations < goalRelations*9/10 {
		fmt.Fprintf(b, "The goals are set at %d relations; this run's largest graph has %d, so what follows is only indicative.\n\n", goalRelations, r.Relations)
	}
	fmt.Fprintf(b, "At %d relations:\n\n", r.Relations)
	fmt.Fprintf(b, "- Import in at most %v: %s (%.1f s elapsed, %.1f s of processor time).\n", goalImport, verdict(r.Import.Seconds(), goalImport.Seconds(), "s"), r.Import.Seconds(), r.ImportCPU.Seconds())
	fmt.Fprintf(b, "- Live heap at most %.0f B per relation: %s (%.0f B; RSS %.1f MB).\n", goalHeap, verdict(r.HeapPerRelation, goalHeap, "B"), r.HeapPerRelation, mb(r.RSSBytes))
	if r.Neo4jImport > 0 {
		fmt.Fprintf(b, "- Import into Neo4j in at most %v: %s (%.1f s).\n", goalNeo4jImport, verdict(r.Neo4jImport.Seconds(), goalNeo4jImport.Seconds(), "s"), r.Neo4jImport.Seconds())
	} else {
		fmt.Fprintf(b, "- Import into Neo4j in at most %v: not measured in this run (add -neo4j).\n", goalNeo4jImport)
	}
	b.WriteString(whereItGoes)
}

// verdict compares a figure with its ceiling.
func verdict(got, ceiling float64, unit string) string {
	if got <= ceiling {
		return "met"
	}
	return fmt.Sprintf("missed by %.0f %s (%.0f%% over)", got-ceiling, unit, (got/ceiling-1)*100)
}

// whereItGoes is what the profiles (-cpuprofile, -heapprofile) show.
const whereItGoes = `
## Where the time and memory go

Profiles: ` + "`go run ./bench/scale -relations 100000 -cpuprofile cpu.prof -heapprofile heap.prof`" + ` (the heap profile counts every allocation of the load).

**Import** reads the file twice as a stream. The first read checks it: each element's own checks run on every core, a chunk at a time (a strict decoding; for entities and relations in the store's own encoding, which exports and generators write, their fields against the schema's own patterns and limits, the generic JSON Schema validator only for anything else, which also words the problems); ids and references are judged in file order, and the file is read a third time only when a reference was missing or the graph holds one of its ids in another section. The second read decodes the next batch while the previous one is applied. Applying a batch compares it with the graph, validates it, encodes each element once (the same bytes go to the data file and, as the change's after-image, to the change log), writes the elements, their versions and one change-log entry in one bbolt transaction synced to disk, then updates the in-memory indexes. At 100,000 relations the processor time divides roughly into applying (about 37%: a third of it JSON encoding, a quarter the in-memory indexes, the rest bbolt), the elements' own checks (about 27%, mostly the strict decoding), tokenizing the file on each read (about 25%) and garbage collection. What would take it further: keep the decoded elements of the check for the apply when the file fits in memory (one decoding instead of two), a binary encoding of the elements in the data file and the change log instead of JSON, and bigger batches (-batch) where fewer, larger changes in the log are acceptable.

**Import into Neo4j** goes through the same check, then applies each batch of 5000 (the default into Neo4j) in one write transaction of the Neo4j store: it reads under the write lock what the batch names (relation ids through the per-type id indexes, the ends' existence only), plans the change with the same rules, creates new elements (new relations in one statement per batch) and merges changed ones, and records the change with each element's before and after images. PROFILE shows index seeks only; Neo4j is CPU-bound on a machine it shares with the import, and a batch's commit (four indexes per entity, the full-text one included) is most of its time. [neo4j-import.md](neo4j-import.md) has the measurements. What would close the gap: a Neo4j with a core of its own and a page cache that holds the store (192 MB here, for a store of about a gigabyte), seeking a new relation id only in its own type's index, or ` + "`neo4j-admin database import`" + ` for the first load of an empty database.

**Load** (opening the data file) reads the relations straight into their compact form, decoding their JSON on every core a chunk at a time, then builds each entity's list of relations in one array of exactly the size needed. Most of what remains is decoding JSON; a binary encoding of elements in the data file (with a migration of existing files) would remove most of it.

**Heap.** A relation is held in 48 bytes (its id, the entities at its ends, its type and dates as numbers into tables of shared values, its sources and descriptions shared with every relation citing the same), plus 4 bytes in the id order, 4 in each end's list of relations and the text of its id, cut from one string per chunk. Entities, a quarter as many, cost most of the rest: each is kept as the API returns it (labels in several scripts, with one shared copy of each language tag and kind), with its search keys packed in one string of exactly their size, its entries in the name index (whose lists are given exactly their size once a load is done) and three maps by id (entities, search keys, relations). What would take more off: numbering entities so that a relation's ends take 4 bytes each instead of 8, and keeping entities in the compact form relations have.
`
