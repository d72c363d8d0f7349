// Command compare is the comparison harness: it measures kgraph against
// the least a server could do and against @neo4j/graphql, on the same
// synthetic graph, side by side, and writes docs/benchmarks.md.
//
// With NEO4J_URI and friends pointing at a Neo4j (make bench-compare starts
// one with scripts/neo4j.sh), it generates the graph, empties Neo4j and
// imports the graph into it and into an embedded data file with `kgraph
// import`, starts (a) kgraph on Neo4j, (b) kgraph embedded, (c) the floor
// (bench/floor) and (d) @neo4j/graphql on Apollo Server
// (bench/neo4j-graphql, after npm ci), checks that all four give the same
// answers, measures the mix (package mix) in interleaved rounds at a fixed
// concurrency, and writes the report and its chart.
//
//	go run ./bench/compare -relations 20000 -rounds 3 -duration 3s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/bench/internal/neo4jdb"
	"kgraph/graph/store/storetest"
)

// degree is the relations per entity of the generated graph.
const degree = 4

// sizes names the usual graph sizes, in relations.
var sizes = map[string]int{"small": 10_000, "medium": 100_000, "large": 1_000_000}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

type options struct {
	size      string
	plan      Plan
	out       string
	withNode  bool
	workDir   string
	neo4j     neo4jEnv
	timestamp time.Time
}

type neo4jEnv struct{ uri, username, password, database string }

func (e neo4jEnv) vars() []string {
	return []string{"NEO4J_URI=" + e.uri, "NEO4J_USERNAME=" + e.username, "NEO4J_PASSWORD=" + e.password, "NEO4J_DATABASE=" + e.database}
}

func run(args []string, log io.Writer) error {
	var o options
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.StringVar(&o.size, "size", "small", "graph size: small (10k relations), medium (100k), large (1M) or a number of relations")
	fs.IntVar(&o.plan.Rounds, "rounds", 3, "interleaved rounds")
	fs.DurationVar(&o.plan.Duration, "duration", 3*time.Second, "time per operation and system in each round")
	fs.IntVar(&o.plan.Concurrency, "concurrency", 8, "clients sending requests back to back")
	fs.StringVar(&o.out, "out", filepath.Join("docs", "benchmarks.md"), "the report to write; its chart goes beside it, as .svg")
	fs.BoolVar(&o.withNode, "node", true, "include @neo4j/graphql (needs node and npm ci in bench/neo4j-graphql)")
	fs.StringVar(&o.workDir, "work", "", "directory for the dataset, binaries, data file and logs (default: a new temporary one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	relations, ok := sizes[o.size]
	if !ok {
		if _, err := fmt.Sscanf(o.size, "%d", &relations); err != nil || relations < 2000 || relations > 5_000_000 {
			return fmt.Errorf("-size must be small, medium, large or a number of relations from 2000 to 5000000")
		}
	}
	if o.plan.Rounds < 1 || o.plan.Duration <= 0 || o.plan.Concurrency < 1 {
		return fmt.Errorf("-rounds, -duration and -concurrency must be positive")
	}
	o.neo4j = neo4jEnv{os.Getenv("NEO4J_URI"), envOr("NEO4J_USERNAME", "neo4j"), os.Getenv("NEO4J_PASSWORD"), envOr("NEO4J_DATABASE", "neo4j")}
	if o.neo4j.uri == "" {
		return fmt.Errorf("NEO4J_URI is not set: run  eval \"$(scripts/neo4j.sh start)\"  first, or make bench-compare")
	}
	if o.workDir == "" {
		dir, err := os.MkdirTemp("", "kgraph-compare-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.workDir = dir
	}
	return compare(o, relations, "go run ./bench/compare "+strings.Join(args, " "), log)
}

func compare(o options, relations int, command string, log io.Writer) error {
	ctx := context.Background()
	setup := Setup{Command: command, Plan: o.plan, Started: time.Now()}
	step := func(format string, a ...any) { fmt.Fprintf(log, "== "+format+"\n", a...) }

	step("generating %d relations", relations)
	d := storetest.Synthetic(relations/degree, degree)
	setup.Entities, setup.Relations = len(d.Entities), len(d.Relations)
	args, err := pickArgs(d)
	if err != nil {
		return err
	}
	setup.Args = args
	datasetFile := filepath.Join(o.workDir, "dataset.json")
	if err := storetest.WriteDataset(datasetFile, d); err != nil {
		return err
	}
	d = nil

	step("building kgraph and the floor")
	kgraph, floorBin := filepath.Join(o.workDir, "kgraph"), filepath.Join(o.workDir, "floor")
	if err := runCmd(log, nil, "go", "build", "-o", kgraph, "."); err != nil {
		return err
	}
	if err := runCmd(log, nil, "go", "build", "-o", floorBin, "./bench/floor"); err != nil {
		return err
	}

	driver, err := neo4j.NewDriverWithContext(o.neo4j.uri, neo4j.BasicAuth(o.neo4j.username, o.neo4j.password, ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	if setup.Neo4jVersion, err = neo4jVersion(ctx, driver, o.neo4j.database); err != nil {
		return fmt.Errorf("reach Neo4j: %w", err)
	}
	step("emptying Neo4j and importing into it")
	if err := neo4jdb.Empty(ctx, driver, o.neo4j.database); err != nil {
		return err
	}
	// The servers' per-client rate limit would refuse the load generator.
	neoEnv := append(o.neo4j.vars(), "LOG_LEVEL=warn", "KG_SEED=never", "KG_RATE_LIMIT=0")
	started := time.Now()
	if err := runCmd(log, neoEnv, kgraph, "import", datasetFile); err != nil {
		return err
	}
	setup.NeoImport = time.Since(started)
	step("importing into an embedded data file")
	dataFile := filepath.Join(o.workDir, "graph.db")
	embeddedEnv := []string{"NEO4J_URI=", "LOG_LEVEL=warn", "KG_SEED=never", "KG_RATE_LIMIT=0"}
	started = time.Now()
	if err := runCmd(log, embeddedEnv, kgraph, "import", "-data", dataFile, datasetFile); err != nil {
		return err
	}
	setup.EmbeddedImport = time.Since(started)

	step("starting the servers")
	var procs processes
	defer func() { procs.stopAll() }() // the servers started by then, not now
	ports, err := freePorts(6)
	if err != nil {
		return err
	}
	url := func(i int) string { return fmt.Sprintf("http://127.0.0.1:%d", ports[i]) }
	systems := []System{
		kgraphSystem("a", "kgraph on Neo4j (its read cache on, as served by default)", url(0)),
		kgraphSystem("b", "kgraph embedded", url(1)),
		floorSystem(url(2)),
		kgraphSystem("e", "kgraph on Neo4j with its read cache off (-read-cache 0): every query reaches the database", url(4)),
	}
	specs := []procSpec{
		{name: "a", env: neoEnv, cmd: []string{kgraph, "serve", "-port", fmt.Sprint(ports[0])}, ready: url(0) + "/readyz"},
		{name: "b", env: embeddedEnv, cmd: []string{kgraph, "serve", "-port", fmt.Sprint(ports[1]), "-data", dataFile}, ready: url(1) + "/readyz"},
		{name: "c", env: o.neo4j.vars(), cmd: []string{floorBin, "-addr", fmt.Sprintf("127.0.0.1:%d", ports[2])}, ready: url(2) + "/q1?id=x"},
		{name: "e", env: neoEnv, cmd: []string{kgraph, "serve", "-port", fmt.Sprint(ports[4]), "-read-cache", "0"}, ready: url(4) + "/readyz"},
		{name: yardstickKey, env: []string{"NEO4J_URI=", "LOG_LEVEL=warn", "KG_SEED=auto", "KG_RATE_LIMIT=0"},
			cmd: []string{kgraph, "serve", "-port", fmt.Sprint(ports[5]), "-data", filepath.Join(o.workDir, "seed.db")}, ready: url(5) + "/readyz"},
	}
	yardstick := yardstickSystem(url(5))
	if o.withNode {
		systems = append(systems, neo4jGraphQLSystem(url(3)))
		specs = append(specs, procSpec{name: "d", env: append(o.neo4j.vars(), fmt.Sprintf("PORT=%d", ports[3])),
			cmd: []string{"node", filepath.Join("bench", "neo4j-graphql", "server.mjs")}, ready: url(3) + "/graphql?query=%7B__typename%7D",
			readyHeader: map[string]string{"apollo-require-preflight": "true"}})
		out, err := exec.Command("node", "--version").Output()
		if err != nil {
			return fmt.Errorf("node: %w", err)
		}
		setup.NodeVersion = strings.TrimSpace(string(out))
	}
	for _, s := range specs {
		if err := procs.start(s, o.workDir); err != nil {
			return err
		}
	}
	for _, s := range specs {
		if err := waitReady(s, 3*time.Minute); err != nil {
			return fmt.Errorf("%s did not get ready: %w (log: %s)", s.name, err, filepath.Join(o.workDir, s.name+".log"))
		}
	}

	step("checking that the systems agree (args %+v)", args)
	client := &http.Client{Timeout: time.Minute}
	if err := checkAnswers(client, systems, args); err != nil {
		return fmt.Errorf("the systems disagree, so there is nothing to compare:\n%w", err)
	}
	step("warming up")
	runRounds(systems, &yardstick, args, Plan{Rounds: 1, Duration: o.plan.Duration / 3, Concurrency: o.plan.Concurrency}, io.Discard)
	step("measuring: %d rounds of %s per operation and system, %d clients", o.plan.Rounds, o.plan.Duration, o.plan.Concurrency)
	setup.LoadStart = loadAverage()
	res := runRounds(systems, &yardstick, args, o.plan, log)
	setup.Finished, setup.LoadEnd = time.Now(), loadAverage()
	if err := res.checkFailures(); err != nil {
		return err
	}

	setup.ScaleTable = scaleTable(filepath.Join(filepath.Dir(o.out), "scale.md"))
	chart := strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".svg"
	if err := writeFile(chart, func(w io.Writer) { writeChart(w, systems, res) }); err != nil {
		return err
	}
	if err := writeFile(o.out, func(w io.Writer) { writeReport(w, systems, res, setup, filepath.Base(chart)) }); err != nil {
		return err
	}
	step("wrote %s and %s", o.out, chart)
	return nil
}

// scaleTable is the table lines of bench/scale's report at path, and the
// lines of its Goals section (which goals are met at the largest size, and
// by how much the others are missed), if there is such a report.
func scaleTable(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var table []string
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			section = line
		}
		if strings.HasPrefix(line, "|") || (section == "## Goals" && strings.HasPrefix(line, "- ")) {
			table = append(table, line)
		}
	}
	return table
}

func neo4jVersion(ctx context.Context, driver neo4j.DriverWithContext, db string) (string, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil || len(res.Records) == 0 {
		return "", err
	}
	v, _, err := neo4j.GetRecordValue[string](res.Records[0], "v")
	return v, err
}

func writeFile(path string, write func(io.Writer)) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	write(f)
	return f.Close()
}

// runCmd runs a command to completion, its output going to log; env is
// added to (and overrides) this process's environment.
func runCmd(log io.Writer, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
