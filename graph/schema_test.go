package graph

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"kgraph/graph/store"
)

func loadSchema(t *testing.T) (*ast.Schema, string) {
	t.Helper()
	raw, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	s, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(raw)})
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	return s, string(raw)
}

// TestEverythingIsDescribed checks that every type, field, argument and
// enum value of the schema has a description, since the playground's docs
// are the API's reference.
func TestEverythingIsDescribed(t *testing.T) {
	s, _ := loadSchema(t)
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					t.Errorf("argument %s.%s(%s) has no description", name, f.Name, a.Name)
				}
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}

// TestDocumentedLimitsMatchTheCode checks that the limits the schema
// documents, and the defaults it declares, are the ones the store enforces.
func TestDocumentedLimitsMatchTheCode(t *testing.T) {
	s, raw := loadSchema(t)
	depth := s.Query.Fields.ForName("neighborhood").Arguments.ForName("depth")
	if depth.DefaultValue == nil || depth.DefaultValue.Raw != fmt.Sprint(store.DefaultNeighborhoodDepth) {
		t.Errorf("neighborhood(depth) defaults to %v, want store.DefaultNeighborhoodDepth (%d)", depth.DefaultValue, store.DefaultNeighborhoodDepth)
	}
	for _, want := range []string{
		fmt.Sprintf("a page holds 1 to %d items (default %d)", store.MaxPageSize, store.DefaultPageSize),
		fmt.Sprintf("a search returns 1 to %d\nhits (default %d) for a text of at most %d characters", store.MaxSearchSize, store.DefaultSearchSize, store.MaxSearchTextLength),
		fmt.Sprintf("a neighborhood is 1\nto %d hops deep and holds at most %d entities (default %d)", store.MaxNeighborhoodDepth, store.MaxNeighborhoodLimit, store.DefaultNeighborhoodLimit),
		fmt.Sprintf("a path is at\nmost %d hops long (default %d)", store.MaxPathDepth, store.DefaultPathDepth),
		fmt.Sprintf("a filter names at most %d relation types", store.MaxTypesPerQuery),
		fmt.Sprintf("is at most %d by default", DefaultMaxComplexity),
		fmt.Sprintf("At most %d ids (INVALID past that).", store.MaxNodesPerQuery),
		fmt.Sprintf("The nodes' ids, 1 to %d.", store.MaxNodesPerQuery),
		fmt.Sprintf("a comparison of two moments holds at most %d relations", store.MaxComparisonRelations),
		fmt.Sprintf("More than %d relations is an INVALID error", store.MaxComparisonRelations),
		fmt.Sprintf("Page size, 1 to %d (default %d).", store.MaxPageSize, store.DefaultPageSize),
		fmt.Sprintf("Hops from the root, 1 to %d.", store.MaxNeighborhoodDepth),
		fmt.Sprintf("Longest path to look for, 1 to %d hops (default %d).", store.MaxPathDepth, store.DefaultPathDepth),
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("schema.graphqls does not say %q", want)
		}
	}
}
