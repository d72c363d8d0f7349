package httpapi_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestApplyDataset: an admin applies a dataset document by the import's
// rules (a dry run writes nothing), a document with problems is INVALID
// listing them, and an editor may not apply one.
func TestApplyDataset(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	doc, _ := json.Marshal(map[string]any{
		"entities": []any{newEventJSON("test-applied", "Applied"), newEventJSON("croatia-twin", "Twin")},
		"relations": []any{map[string]any{"id": "test-applied-twin", "type": "BASED_ON", "from": "test-applied", "to": "croatia",
			"sources": []any{map[string]any{"source": "reference-names"}}}},
	})
	const apply = `mutation($d: String!, $dry: Boolean) { applyDataset(dataset: $d, dryRun: $dry) { created updated unchanged change { seq action actor elementCount } } }`
	type result struct {
		ApplyDataset struct {
			Created, Updated, Unchanged int
			Change                      *struct {
				Seq, ElementCount int
				Action            string
				Actor             string
			}
		}
	}
	var dry result
	ok(t, srv, adminKey, apply, map[string]any{"d": string(doc), "dry": true}, &dry)
	if d := dry.ApplyDataset; d.Created != 3 || d.Change != nil {
		t.Fatalf("dry run: %+v", d)
	}
	var none struct{ Entity *struct{ ID string } }
	if ok(t, srv, "", `{ entity(id: "test-applied") { id } }`, nil, &none); none.Entity != nil {
		t.Fatal("a dry run wrote the entity")
	}
	var done result
	ok(t, srv, adminKey, apply, map[string]any{"d": string(doc)}, &done)
	if d := done.ApplyDataset; d.Created != 3 || d.Change == nil || d.Change.Action != "applyDataset" || d.Change.Actor != "ada" || d.Change.ElementCount != 3 {
		t.Fatalf("apply: %+v", d)
	}
	var again result
	ok(t, srv, adminKey, apply, map[string]any{"d": string(doc)}, &again)
	if d := again.ApplyDataset; d.Created != 0 || d.Unchanged != 3 || d.Change != nil {
		t.Fatalf("applying again: %+v", d)
	}

	bad := `{"entities": [{"id": "test-bad", "kind": "planet", "labels": {"en": "Bad"}}, {"id": "test-worse", "kind": "event"}]}`
	e := refused(t, srv, adminKey, apply, map[string]any{"d": bad}, "INVALID")
	if !strings.Contains(e.Message, "2 problems") || !strings.Contains(e.Message, "test-bad") || !strings.Contains(e.Message, "test-worse") {
		t.Fatalf("the problems are not listed: %q", e.Message)
	}
	refused(t, srv, adminKey, apply, map[string]any{"d": "{not json"}, "INVALID")
	refused(t, srv, editorKey, apply, map[string]any{"d": string(doc)}, "FORBIDDEN")
}

func newEventJSON(id, label string) map[string]any {
	return map[string]any{"id": id, "kind": "event", "labels": map[string]string{"en": label},
		"sources": []any{map[string]any{"source": "reference-names"}}}
}

// TestChangeLogAndAuditFields: the change log pages by cursor, filters by
// entity, and is for editors; versions and dates are public, who made a
// change is not.
func TestChangeLogAndAuditFields(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	for _, id := range []string{"test-one", "test-two", "test-three"} {
		ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent(id, id)}, nil)
	}
	ok(t, srv, editorKey, `mutation { addAlias(id: "test-two", alias: {lang: "en", text: "Second"}) { entity { id } } }`, nil, nil)

	const changes = `query($after: String, $entity: ID) { changes(first: 2, after: $after, entity: $entity) {
	  edges { cursor node { seq action actor elements(first: 1) { id version before } } } pageInfo { hasNextPage endCursor } } }`
	type page struct {
		Changes struct {
			Edges []struct {
				Cursor string
				Node   struct {
					Seq      int
					Action   string
					Actor    string
					Elements []struct {
						ID      string
						Version int
						Before  *string
					}
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	var seen []string
	after := any(nil)
	for i := 0; ; i++ {
		var p page
		ok(t, srv, editorKey, changes, map[string]any{"after": after}, &p)
		for _, e := range p.Changes.Edges {
			if e.Cursor != strconv.Itoa(e.Node.Seq) || e.Node.Actor != map[bool]string{true: "import", false: "ed"}[e.Node.Action == "import"] {
				t.Fatalf("edge %+v", e)
			}
			seen = append(seen, e.Node.Action+":"+e.Node.Elements[0].ID)
		}
		if !p.Changes.PageInfo.HasNextPage {
			break
		}
		if i > 10 || len(p.Changes.Edges) != 2 {
			t.Fatalf("paging does not end: %+v", p)
		}
		after = p.Changes.PageInfo.EndCursor
	}
	// The seed's import is the first change.
	if got := strings.Join(seen[1:], " "); got != "createEntity:test-one createEntity:test-two createEntity:test-three addAlias:test-two" {
		t.Fatalf("the log: %s", strings.Join(seen, " "))
	}
	var two page
	ok(t, srv, editorKey, changes, map[string]any{"entity": "test-two"}, &two)
	if e := two.Changes.Edges; len(e) != 2 || e[1].Node.Elements[0].Version != 2 || e[1].Node.Elements[0].Before == nil {
		t.Fatalf("the changes of test-two: %+v", e)
	}
	refused(t, srv, editorKey, changes, map[string]any{"after": "not-a-seq"}, "INVALID")
	refused(t, srv, "", changes, nil, "UNAUTHENTICATED")
	refused(t, srv, editorKey, `{ changes(first: 1) { nodes { elements(first: 501) { id } } } }`, nil, "INVALID")

	const audit = `{ entity(id: "test-two") { version createdAt updatedAt %s } }`
	var public struct {
		Entity struct {
			Version              int
			CreatedAt, UpdatedAt *string
		}
	}
	ok(t, srv, "", strings.Replace(audit, "%s", "", 1), nil, &public)
	if p := public.Entity; p.Version != 2 || p.CreatedAt == nil || p.UpdatedAt == nil || *p.UpdatedAt < *p.CreatedAt {
		t.Fatalf("public audit fields: %+v", p)
	}
	var editor struct {
		Entity struct {
			CreatedBy string
			History   []struct{ Action string }
		}
	}
	ok(t, srv, editorKey, strings.Replace(audit, "%s", "createdBy history { action }", 1), nil, &editor)
	if e := editor.Entity; e.CreatedBy != "ed" || len(e.History) != 2 || e.History[1].Action != "addAlias" {
		t.Fatalf("editor's audit fields: %+v", e)
	}
	for _, field := range []string{"createdBy", "updatedBy", "history { seq }"} {
		refused(t, srv, "", strings.Replace(audit, "%s", field, 1), nil, "UNAUTHENTICATED")
	}
	// A seeded entity predates the log's authors: version 1, no author.
	var seeded struct {
		Entity struct {
			Version   int
			CreatedBy *string
		}
	}
	ok(t, srv, editorKey, `{ entity(id: "croatia") { version createdBy } }`, nil, &seeded)
	if seeded.Entity.Version != 1 {
		t.Fatalf("a seeded entity: %+v", seeded)
	}
}

// TestAsOf: an entity created and then renamed, read as of the change
// that created it, has its first name, and the relations nested in it are
// those of that moment too.
func TestAsOf(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	var created struct{ CreateEntity entityPayload }
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-then", "First name")}, &created)
	first := strconv.Itoa(created.CreateEntity.Change.Seq)
	ok(t, srv, editorKey, `mutation { addLabel(id: "test-then", label: {lang: "en", text: "Second name"}) { entity { id } } }`, nil, nil)
	ok(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-then-croatia", "test-then", "croatia")}, nil)

	const read = `query($asOf: AsOf) { entity(id: "test-then", asOf: $asOf) { name version
	  relations { nodes { id to { id name version } } } neighbors { id } } }`
	type answer struct {
		Entity *struct {
			Name      string
			Version   int
			Relations struct{ Nodes []struct{ ID string } }
			Neighbors []struct{ ID string }
		}
	}
	var now, then, before answer
	ok(t, srv, "", read, nil, &now)
	ok(t, srv, "", read, map[string]any{"asOf": first}, &then)
	ok(t, srv, "", read, map[string]any{"asOf": strconv.Itoa(created.CreateEntity.Change.Seq - 1)}, &before)
	if now.Entity.Name != "Second name" || now.Entity.Version != 2 || len(now.Entity.Relations.Nodes) != 1 || len(now.Entity.Neighbors) != 1 {
		t.Fatalf("now: %+v", now.Entity)
	}
	if then.Entity == nil || then.Entity.Name != "First name" || then.Entity.Version != 1 || len(then.Entity.Relations.Nodes) != 0 || len(then.Entity.Neighbors) != 0 {
		t.Fatalf("as of the creation: %+v", then.Entity)
	}
	if before.Entity != nil {
		t.Fatalf("before the creation: %+v", before.Entity)
	}

	// A neighbourhood as of a moment: the relation is not there yet.
	var hood struct {
		Neighborhood struct{ Entities []struct{ ID string } }
	}
	ok(t, srv, "", `query($asOf: AsOf) { neighborhood(id: "test-then", asOf: $asOf) { entities { id } } }`, map[string]any{"asOf": first}, &hood)
	if len(hood.Neighborhood.Entities) != 1 {
		t.Fatalf("neighborhood as of the creation: %+v", hood)
	}
	refused(t, srv, "", `{ entity(id: "croatia", asOf: "yesterday") { id } }`, nil, "INVALID")
	refused(t, srv, "", `{ entity(id: "croatia", asOf: "999999") { id } }`, nil, "NOT_FOUND")
}
