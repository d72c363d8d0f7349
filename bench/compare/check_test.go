package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/bench/internal/floor"
	"kgraph/bench/internal/mix"
	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/neo4jstore"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/graph/store/storetest"
)

// TestSystemsAgree runs the harness's answer check on a small synthetic
// graph with kgraph on Neo4j, kgraph embedded and the floor, each serving
// over HTTP as in a run of the harness: they must agree on every
// operation. (@neo4j/graphql, a Node server, is exercised by make
// bench-compare only.) A server missing one relation must be caught.
func TestSystemsAgree(t *testing.T) {
	ctx := context.Background()
	env := neo4jtest.Reset(t)
	d := storetest.Synthetic(400, 4)
	args, err := pickArgs(d)
	if err != nil {
		t.Fatal(err)
	}

	neo, err := neo4jstore.Open(ctx, neo4jstore.Config(env))
	if err != nil {
		t.Fatal(err)
	}
	defer neo.Close()
	if _, err := neo.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	driver, err := neo4j.NewDriverWithContext(env.URI, neo4j.BasicAuth(env.Username, env.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)

	systems := []System{
		kgraphSystem("a", "kgraph on Neo4j", serve(t, httpapi.NewHandler(httpapi.Config{Store: neo, Logger: quiet}))),
		kgraphSystem("b", "kgraph embedded", serve(t, httpapi.NewHandler(httpapi.Config{Store: embedded(t, d), Logger: quiet}))),
		floorSystem(serve(t, floor.Handler(driver, env.Database))),
	}
	if err := checkAnswers(http.DefaultClient, systems, args); err != nil {
		t.Fatal(err)
	}

	// The same graph but for one of the entity's outgoing relations.
	lacking := *d
	lacking.Relations = slices.DeleteFunc(slices.Clone(d.Relations), func(r store.Relation) bool {
		return r.FromID == args.Entity && slices.Contains(mix.DirectedTypes, r.Type)
	})
	wrong := kgraphSystem("e", "kgraph missing relations", serve(t, httpapi.NewHandler(httpapi.Config{Store: embedded(t, &lacking), Logger: quiet})))
	err = checkAnswers(http.DefaultClient, []System{systems[0], wrong}, args)
	if err == nil || !strings.Contains(err.Error(), "q2: a answers") {
		t.Fatalf("a server missing relations passed the check: %v", err)
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func embedded(t *testing.T, d *store.Dataset) store.Store {
	s, err := memstore.Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPickArgs checks the picked arguments against the graph itself.
func TestPickArgs(t *testing.T) {
	d := storetest.Synthetic(400, 4)
	a, err := pickArgs(d)
	if err != nil {
		t.Fatal(err)
	}
	g := newGraph(d)
	index := map[string]int{}
	for i, e := range d.Entities {
		index[e.ID] = i
	}
	dist, paths := g.levels(index[a.From], 4)
	if to := index[a.To]; dist[to] != 4 || paths[to] != 1 {
		t.Errorf("%s to %s: distance %d, %d shortest paths", a.From, a.To, dist[to], paths[to])
	}
	if n := len(startingWith(d, a.Prefix)); n == 0 || n >= mix.SearchLimit {
		t.Errorf("prefix %q matches %d names", a.Prefix, n)
	}
}
