package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"kgraph/graph/store"
)

func testExisting(t *testing.T, s store.Store) {
	d := seeded(t, s)
	kind, typ := d.Vocabulary.EntityKinds[0].ID, d.Vocabulary.RelationTypes[0].ID
	src, ent, rel := d.Sources[0].ID, d.Entities[0].ID, d.Relations[0].ID
	// Thousands of ids at once, as an import may ask about.
	many := []string{}
	for i := range 2500 {
		many = append(many, fmt.Sprintf("no-such-relation-%d", i))
	}
	many = append(many, rel)
	tests := []struct {
		section string
		ids     []string
		want    []string
	}{
		{store.SectionEntityKinds, []string{"nope", kind}, []string{kind}},
		{store.SectionRelationTypes, []string{typ, "NOPE"}, []string{typ}},
		{store.SectionSources, []string{src}, []string{src}},
		{store.SectionEntities, []string{"atlantis", ent, "croatia", ent}, []string{ent, "croatia"}},
		// An entity id is not a relation id, nor the other way round.
		{store.SectionRelations, []string{ent, rel, "no-such-relation"}, []string{rel}},
		{store.SectionRelations, many, []string{rel}},
		{store.SectionEntities, []string{rel}, []string{}},
		{store.SectionEntities, nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d ids", tt.section, len(tt.ids)), func(t *testing.T) {
			got, err := s.Existing(ctx(), tt.section, tt.ids)
			ok(t, err)
			if got == nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Existing(%s, %.200q) = %#v, want %q", tt.section, tt.ids, got, tt.want)
			}
		})
	}
	t.Run("unknown section", func(t *testing.T) {
		_, err := s.Existing(ctx(), "people", []string{ent})
		wantCode(t, err, store.EINVALID)
	})
}
