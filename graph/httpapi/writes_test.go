package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kgraph/graph/auth"
	"kgraph/graph/httpapi"
	"kgraph/graph/live"
	"kgraph/graph/store"
)

// writeResponse is a GraphQL response with its extensions.
type writeResponse struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// newWriteServer is the real handler over s, accepting the editor and
// admin API keys of the auth tests, and announcing changes through f
// (nil: none).
func newWriteServer(t testing.TB, s store.Store, f *live.Follower) *httptest.Server {
	t.Helper()
	a, err := auth.New(auth.Config{APIKeys: "ed:editor:" + editorKey + ",ada:admin:" + adminKey})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Auth: a, Live: f, AllowedOrigins: []string{"*"},
	}))
	t.Cleanup(srv.Close)
	return srv
}

// gqlAs POSTs a query with the API key (none when "") and the extra
// headers, and decodes the answer.
func gqlAs(t testing.TB, srv *httptest.Server, key, q string, vars map[string]any, header http.Header) writeResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out writeResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("status %d, undecodable body: %v", resp.StatusCode, err)
	}
	return out
}

// ok runs a query that must succeed and decodes its data into v.
func ok(t testing.TB, srv *httptest.Server, key, q string, vars map[string]any, v any) {
	t.Helper()
	r := gqlAs(t, srv, key, q, vars, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("%s\nfailed: %+v", q, r.Errors)
	}
	if v != nil {
		if err := json.Unmarshal(r.Data, v); err != nil {
			t.Fatal(err)
		}
	}
}

// refused runs a query that must fail with code, and returns its first error.
func refused(t *testing.T, srv *httptest.Server, key, q string, vars map[string]any, code string) gqlError {
	t.Helper()
	r := gqlAs(t, srv, key, q, vars, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != code {
		t.Fatalf("%s\ngot %s %+v, want %s", q, r.Data, r.Errors, code)
	}
	return r.Errors[0]
}

// A new event entity, cited, as the mutations take it.
func newEvent(id, label string) map[string]any {
	return map[string]any{
		"id": id, "kind": "event",
		"labels":  []map[string]any{{"lang": "en", "text": label}},
		"sources": []map[string]any{{"source": "reference-names"}},
	}
}

const createEntity = `mutation($e: EntityInput!) { createEntity(entity: $e) {
  entity { id name version createdBy updatedBy createdAt }
  change { seq action actor elementCount elements { section id version before after } } } }`

type entityPayload struct {
	Entity struct {
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		Version   int     `json:"version"`
		CreatedBy *string `json:"createdBy"`
		UpdatedBy *string `json:"updatedBy"`
		CreatedAt *string `json:"createdAt"`
		Aliases   []struct{ Lang, Text string }
		Labels    []struct{ Lang, Text string }
	} `json:"entity"`
	Change *struct {
		Seq          int     `json:"seq"`
		Action       string  `json:"action"`
		Actor        *string `json:"actor"`
		ElementCount int     `json:"elementCount"`
		Elements     []struct {
			Section, ID   string
			Version       int
			Before, After *string
		} `json:"elements"`
	} `json:"change"`
}

// TestCreateAndUpdateEntity: a created entity is returned as written, at
// version 1, with who made it and the change that did; an update names
// the version it read; a stale version is refused with the current one.
func TestCreateAndUpdateEntity(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	var created struct{ CreateEntity entityPayload }
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-summit", "Test summit")}, &created)
	p := created.CreateEntity
	if p.Entity.Name != "Test summit" || p.Entity.Version != 1 || deref(p.Entity.CreatedBy) != "ed" || p.Entity.CreatedAt == nil {
		t.Fatalf("created entity: %+v", p.Entity)
	}
	if c := p.Change; c == nil || c.Seq < 1 || c.Action != "createEntity" || deref(c.Actor) != "ed" || c.ElementCount != 1 ||
		c.Elements[0].ID != "test-summit" || c.Elements[0].Before != nil || !strings.Contains(deref(c.Elements[0].After), "Test summit") {
		t.Fatalf("change: %+v", p.Change)
	}

	if e := refused(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-summit", "Again")}, "CONFLICT"); e.Extensions["currentVersion"] != float64(1) {
		t.Fatalf("creating a taken id: %+v", e)
	}
	refused(t, srv, "", createEntity, map[string]any{"e": newEvent("anonymous-summit", "Nope")}, "UNAUTHENTICATED")

	const update = `mutation($v: Int!, $e: EntityInput!) { updateEntity(version: $v, entity: $e) { entity { name version updatedBy } change { seq } } }`
	var updated struct{ UpdateEntity entityPayload }
	ok(t, srv, editorKey, update, map[string]any{"v": 1, "e": newEvent("test-summit", "Renamed summit")}, &updated)
	if u := updated.UpdateEntity; u.Entity.Name != "Renamed summit" || u.Entity.Version != 2 || u.Change.Seq <= p.Change.Seq {
		t.Fatalf("updated: %+v", u)
	}
	e := refused(t, srv, editorKey, update, map[string]any{"v": 1, "e": newEvent("test-summit", "Stale")}, "CONFLICT")
	if e.Extensions["currentVersion"] != float64(2) {
		t.Fatalf("a stale update: %+v", e)
	}
	refused(t, srv, editorKey, update, map[string]any{"v": 1, "e": newEvent("no-such-entity", "Ghost")}, "NOT_FOUND")

	// Writing what is stored changes nothing: no change, same version.
	var same struct{ UpdateEntity entityPayload }
	ok(t, srv, editorKey, update, map[string]any{"v": 2, "e": newEvent("test-summit", "Renamed summit")}, &same)
	if same.UpdateEntity.Change != nil || same.UpdateEntity.Entity.Version != 2 {
		t.Fatalf("an update to the same content: %+v", same.UpdateEntity)
	}
}

// TestInvalidWritesNameTheField: the store's validation refuses a bad
// element, and the message names the field at fault.
func TestInvalidWritesNameTheField(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	noEnglish := newEvent("no-english", "x")
	noEnglish["labels"] = []map[string]any{{"lang": "ru", "text": "Без английского"}}
	for name, c := range map[string]struct {
		e     map[string]any
		field string
	}{
		"no English label": {noEnglish, `"labels"`},
		"unknown kind":     {map[string]any{"id": "odd-kind", "kind": "planet", "labels": []map[string]any{{"lang": "en", "text": "Odd"}}}, `"kind"`},
		"bad id":           {newEvent("Not An Id!", "Bad id"), `"id"`},
	} {
		t.Run(name, func(t *testing.T) {
			e := refused(t, srv, editorKey, createEntity, map[string]any{"e": c.e}, "INVALID")
			if !strings.Contains(e.Message, c.field) {
				t.Fatalf("the message does not name %s: %q", c.field, e.Message)
			}
		})
	}
}

const createRelation = `mutation($r: RelationInput!) { createRelation(relation: $r) { relation { id version from { id } to { id } } change { seq } } }`

func newRelation(id, from, to string) map[string]any {
	return map[string]any{"id": id, "type": "BASED_ON", "from": from, "to": to,
		"sources": []map[string]any{{"source": "reference-names"}}}
}

// TestRelationsAndDeletes: relations are created, updated and deleted by
// version; deleting an entity with relations is refused with the
// orphans listed, unless it cascades.
func TestRelationsAndDeletes(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-a", "A")}, nil)
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-b", "B")}, nil)
	var rel struct {
		CreateRelation struct {
			Relation struct {
				ID      string
				Version int
				From    struct{ ID string }
			}
		}
	}
	ok(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-a-b", "test-a", "test-b")}, &rel)
	if r := rel.CreateRelation.Relation; r.Version != 1 || r.From.ID != "test-a" {
		t.Fatalf("created relation: %+v", r)
	}
	noCitation := newRelation("test-uncited", "test-a", "test-b")
	noCitation["sources"] = []any{}
	if e := refused(t, srv, editorKey, createRelation, map[string]any{"r": noCitation}, "INVALID"); !strings.Contains(e.Message, `"sources"`) {
		t.Fatalf("a relation without citations: %q", e.Message)
	}
	if e := refused(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-dangling", "test-a", "nobody")}, "INVALID"); !strings.Contains(e.Message, `"to"`) {
		t.Fatalf("a relation to nobody: %q", e.Message)
	}

	const updateRelation = `mutation($v: Int!, $r: RelationInput!) { updateRelation(version: $v, relation: $r) { relation { version start } } }`
	dated := newRelation("test-a-b", "test-a", "test-b")
	dated["start"] = "1948"
	var upd struct {
		UpdateRelation struct {
			Relation struct {
				Version int
				Start   string
			}
		}
	}
	ok(t, srv, editorKey, updateRelation, map[string]any{"v": 1, "r": dated}, &upd)
	if upd.UpdateRelation.Relation.Version != 2 || upd.UpdateRelation.Relation.Start != "1948" {
		t.Fatalf("updated relation: %+v", upd)
	}

	const deleteEntity = `mutation($id: ID!, $v: Int!, $cascade: Boolean) { deleteEntity(id: $id, version: $v, cascade: $cascade) { deletedIds change { seq action } } }`
	e := refused(t, srv, editorKey, deleteEntity, map[string]any{"id": "test-a", "v": 1}, "CONFLICT")
	if orphans, _ := e.Extensions["orphans"].([]any); len(orphans) != 1 || orphans[0] != "test-a-b" {
		t.Fatalf("orphans: %+v", e)
	}
	refused(t, srv, editorKey, deleteEntity, map[string]any{"id": "test-b", "v": 7, "cascade": true}, "CONFLICT")
	refused(t, srv, editorKey, deleteEntity, map[string]any{"id": "no-such-entity", "v": 1}, "NOT_FOUND")
	var del struct {
		DeleteEntity struct {
			DeletedIds []string
			Change     struct{ Action string }
		}
	}
	ok(t, srv, editorKey, deleteEntity, map[string]any{"id": "test-a", "v": 1, "cascade": true}, &del)
	if got := strings.Join(del.DeleteEntity.DeletedIds, ","); got != "test-a,test-a-b" || del.DeleteEntity.Change.Action != "deleteEntity" {
		t.Fatalf("cascade: %+v", del)
	}
	var after struct{ Entity, Relation *struct{ ID string } }
	ok(t, srv, "", `{ entity(id: "test-a") { id } relation: node(id: "test-a-b") { id } }`, nil, &after)
	if after.Entity != nil || after.Relation != nil {
		t.Fatalf("still there after the delete: %+v", after)
	}

	const deleteRelation = `mutation($id: ID!, $v: Int!) { deleteRelation(id: $id, version: $v) { deletedIds } }`
	ok(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-b-self", "test-b", "test-b")}, nil)
	refused(t, srv, editorKey, deleteRelation, map[string]any{"id": "test-b-self", "v": 2}, "CONFLICT")
	var delRel struct{ DeleteRelation struct{ DeletedIds []string } }
	ok(t, srv, editorKey, deleteRelation, map[string]any{"id": "test-b-self", "v": 1}, &delRel)
	if len(delRel.DeleteRelation.DeletedIds) != 1 {
		t.Fatalf("deleteRelation: %+v", delRel)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
