// Command scale measures the embedded store at a chosen size of the
// synthetic graph (see storetest.Synthetic): how long the import command's
// import takes, with its progress bar, how long a restart takes to load the
// data file, and the live heap and resident memory per relation once
// loaded.
//
//	go run ./bench/scale -relations 1000000
//	go run ./bench/scale -relations 10000,100000,1000000 -out docs/scale.md
//
// The dataset file is written to a temporary directory first, and the
// process's heap is measured against a baseline taken before the store is
// opened, so that the generator's own memory does not count.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kgraph/graph/cli"
	"kgraph/graph/dataset"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/storetest"
)

// degree is the relations per entity of the generated graph.
const degree = 4

// Report is what one run measured.
type Report struct {
	Entities        int           `json:"entities"`
	Relations       int           `json:"relations"`
	Import          time.Duration `json:"import"`
	Load            time.Duration `json:"load"`
	HeapBytes       uint64        `json:"heapBytes"`
	HeapPerRelation float64       `json:"heapPerRelation"`
	RSSBytes        uint64        `json:"rssBytes"`
	FileBytes       int64         `json:"fileBytes"`
	// ImportCPU and LoadCPU are the processor time the process spent
	// importing and loading (user and system, every thread): on a shared
	// machine, the part of the elapsed time that is the work's own.
	ImportCPU time.Duration `json:"importCPU"`
	LoadCPU   time.Duration `json:"loadCPU"`
	// LoadAverage is the machine's one-minute load average when the
	// import started: how much else was running.
	LoadAverage float64 `json:"loadAverage"`
	// Neo4jImport is how long the same import took into Neo4j (with -neo4j).
	Neo4jImport time.Duration `json:"neo4jImport,omitempty"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, progress io.Writer) error {
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	relations := fs.String("relations", "100000", "about how many relations to generate (entities are a quarter of that); several sizes separated by commas")
	out := fs.String("out", "", "also write the figures as a Markdown report to this file")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	heapProfile := fs.String("heapprofile", "", "write a heap profile of the loaded store to this file")
	intoNeo4j := fs.Bool("neo4j", false, "also time the same import into the Neo4j that NEO4J_URI names (its database is emptied first)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the imports and loads to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var target *neo4jTarget
	if *intoNeo4j {
		t, err := neo4jFromEnv()
		if err != nil {
			return err
		}
		target = &t
	}
	var counts []int
	for _, f := range strings.Split(*relations, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < degree || n > 5_000_000 {
			return fmt.Errorf("-relations must be numbers between %d and 5000000, got %q", degree, f)
		}
		counts = append(counts, n)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var reports []*Report
	for _, n := range counts {
		dir, err := os.MkdirTemp("", "kgraph-scale-")
		if err != nil {
			return err
		}
		rep, err := measure(dir, n/degree, *heapProfile, target, progress)
		os.RemoveAll(dir)
		if err != nil {
			return err
		}
		reports = append(reports, rep)
		if *asJSON {
			if err := json.NewEncoder(stdout).Encode(rep); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(stdout, "%d entities, %d relations: import %v, load %v, heap %.1f MB (%.0f B/relation), RSS %.1f MB, file %.1f MB",
			rep.Entities, rep.Relations, rep.Import.Round(time.Millisecond), rep.Load.Round(time.Millisecond),
			mb(rep.HeapBytes), rep.HeapPerRelation, mb(rep.RSSBytes), mb(uint64(rep.FileBytes)))
		if rep.Neo4jImport > 0 {
			fmt.Fprintf(stdout, ", import into Neo4j %v", rep.Neo4jImport.Round(time.Millisecond))
		}
		fmt.Fprintln(stdout)
	}
	if *out != "" {
		return writeMarkdown(*out, "go run ./bench/scale "+strings.Join(args, " "), reports)
	}
	return nil
}

// writeMarkdown writes the reports as a table, with the command and the machine.
func writeMarkdown(path, command string, reports []*Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Embedded store at scale\n\nWritten by `bench/scale`; run it again rather than editing:\n\n    %s\n\n", command)
	fmt.Fprintf(&b, "Run %s on %d cores (%s/%s, %s), a machine shared with other work. ", time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	b.WriteString("The graph is the synthetic generator's (`storetest.Synthetic`, four relations per entity). ")
	fmt.Fprintf(&b, "Import is `kgraph import`'s own code (`cli.Import`: the whole file checked, then applied in batches of %d, each synced to disk and recorded as one change) into a new data file; ", cli.DefaultBatchSize)
	b.WriteString("load is opening that file again, as a restart does; heap is the live heap the loaded store holds after a full collection; RSS is the whole process's resident memory at that point. ")
	b.WriteString("CPU is the processor time the process spent (every thread): the machine is shared, so elapsed times include waiting for its two cores, and the load average says how busy it was when each import started.")
	neo4jCol := slices.ContainsFunc(reports, func(r *Report) bool { return r.Neo4jImport > 0 })
	if neo4jCol {
		fmt.Fprintf(&b, " Import into Neo4j is the same code into the Neo4j that NEO4J_URI names, emptied first, in batches of %d as `kgraph import` makes them there.", cli.Neo4jBatchSize)
	}
	b.WriteString("\n\n")
	b.WriteString("| relations | entities | import | import CPU | load | load CPU | heap | heap per relation | RSS | data file | load average |")
	if neo4jCol {
		b.WriteString(" import into Neo4j |")
	}
	b.WriteString("\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	if neo4jCol {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, r := range reports {
		fmt.Fprintf(&b, "| %d | %d | %.1f s | %.1f s | %.1f s | %.1f s | %.1f MB | %.0f B | %.1f MB | %.1f MB | %.1f |", r.Relations, r.Entities,
			r.Import.Seconds(), r.ImportCPU.Seconds(), r.Load.Seconds(), r.LoadCPU.Seconds(), mb(r.HeapBytes), r.HeapPerRelation, mb(r.RSSBytes), mb(uint64(r.FileBytes)), r.LoadAverage)
		if neo4jCol {
			fmt.Fprintf(&b, " %.1f s |", r.Neo4jImport.Seconds())
		}
		b.WriteString("\n")
	}
	writeGoals(&b, reports)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// measure imports a synthetic graph of n entities into a new store in dir,
// closes it, opens it again (as a restart does) and measures it.
func measure(dir string, n int, heapProfile string, target *neo4jTarget, progress io.Writer) (*Report, error) {
	ctx := context.Background()
	rep := &Report{Entities: n}
	path := filepath.Join(dir, "synthetic.json")
	if err := writeSynthetic(path, n, &rep.Relations); err != nil {
		return nil, err
	}
	dbPath := filepath.Join(dir, "graph.db")
	s, err := memstore.Open(dbPath)
	if err != nil {
		return nil, err
	}
	rep.LoadAverage = loadAverage()
	started, cpu := time.Now(), cpuTime()
	_, err = cli.Import(ctx, s, dataset.File(path), cli.ImportOptions{}, progress)
	rep.Import, rep.ImportCPU = time.Since(started), cpuTime()-cpu
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}

	if heapProfile != "" {
		// Every allocation of the load, so that the profile adds up to the
		// heap measured.
		runtime.MemProfileRate = 1
	}
	before := liveHeap()
	started, cpu = time.Now(), cpuTime()
	s, err = memstore.Open(dbPath)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	rep.Load, rep.LoadCPU = time.Since(started), cpuTime()-cpu
	// The store must be reachable while the heap is measured.
	if _, err := s.Entities(ctx, []string{"e000000"}); err != nil {
		return nil, err
	}
	after := liveHeap()
	if heapProfile != "" {
		if err := writeHeapProfile(heapProfile); err != nil {
			return nil, err
		}
	}
	runtime.KeepAlive(s)
	rep.HeapBytes = after - min(before, after)
	rep.HeapPerRelation = float64(rep.HeapBytes) / float64(rep.Relations)
	rep.RSSBytes = residentBytes()
	if fi, err := os.Stat(dbPath); err == nil {
		rep.FileBytes = fi.Size()
	}
	if target != nil {
		if rep.Neo4jImport, err = importIntoNeo4j(ctx, *target, path, progress); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// writeSynthetic writes the generated dataset as a dataset file and lets
// the generated copy go before anything is measured.
func writeSynthetic(path string, n int, relations *int) error {
	d := storetest.Synthetic(n, degree)
	*relations = len(d.Relations)
	return storetest.WriteDataset(path, d)
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// liveHeap is the heap still in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// residentBytes reads the process's resident set size from /proc (Linux);
// 0 elsewhere.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// cpuTime is the processor time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage is the one-minute load average (Linux); 0 elsewhere.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(b) + " 0")[0], 64)
	return f
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }
