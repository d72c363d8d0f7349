package httpapi_test

import (
	"strings"
	"testing"
)

// TestSmallChanges: the add and remove mutations change one field, at the
// version given or, without one, the current one; removing what is not
// there is NOT_FOUND, removing the English label or a relation's last
// citation INVALID naming the field, and an unknown id NOT_FOUND.
func TestSmallChanges(t *testing.T) {
	srv := newWriteServer(t, seededStore(t), nil)
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-patch", "Patched")}, nil)
	ok(t, srv, editorKey, createEntity, map[string]any{"e": newEvent("test-other", "Other")}, nil)
	ok(t, srv, editorKey, createRelation, map[string]any{"r": newRelation("test-patch-rel", "test-patch", "test-other")}, nil)

	const fields = `entity { version labels { lang text } aliases { lang text } } change { action }`
	type payload struct {
		Entity struct {
			Version int
			Labels  []struct{ Lang, Text string }
			Aliases []struct{ Lang, Text string }
		}
		Change *struct{ Action string }
	}
	run := func(q string, vars map[string]any) payload {
		t.Helper()
		var out map[string]payload
		ok(t, srv, editorKey, q, vars, &out)
		for _, p := range out {
			return p
		}
		t.Fatal("no payload")
		return payload{}
	}

	p := run(`mutation { addLabel(id: "test-patch", label: {lang: "ru", text: "Заплатка"}) { `+fields+` } }`, nil)
	if p.Entity.Version != 2 || len(p.Entity.Labels) != 2 || p.Change.Action != "addLabel" {
		t.Fatalf("addLabel: %+v", p)
	}
	p = run(`mutation { addLabel(id: "test-patch", version: 2, label: {lang: "ru", text: "Латка"}) { `+fields+` } }`, nil)
	if p.Entity.Version != 3 || !strings.Contains(labelsText(p.Entity.Labels), "ru:Латка") || strings.Contains(labelsText(p.Entity.Labels), "Заплатка") {
		t.Fatalf("addLabel replacing a language's label: %+v", p)
	}
	if e := refused(t, srv, editorKey, `mutation { addLabel(id: "test-patch", version: 2, label: {lang: "de", text: "Flicken"}) { entity { id } } }`, nil, "CONFLICT"); e.Extensions["currentVersion"] != float64(3) {
		t.Fatalf("a stale addLabel: %+v", e)
	}
	p = run(`mutation { removeLabel(id: "test-patch", lang: "ru") { `+fields+` } }`, nil)
	if len(p.Entity.Labels) != 1 {
		t.Fatalf("removeLabel: %+v", p)
	}
	refused(t, srv, editorKey, `mutation { removeLabel(id: "test-patch", lang: "ru") { entity { id } } }`, nil, "NOT_FOUND")
	if e := refused(t, srv, editorKey, `mutation { removeLabel(id: "test-patch", lang: "en") { entity { id } } }`, nil, "INVALID"); !strings.Contains(e.Message, `"labels"`) {
		t.Fatalf("removing the English label: %q", e.Message)
	}

	p = run(`mutation { addAlias(id: "test-patch", alias: {lang: "en", text: "The Patch"}) { `+fields+` } }`, nil)
	if len(p.Entity.Aliases) != 1 {
		t.Fatalf("addAlias: %+v", p)
	}
	if p = run(`mutation { addAlias(id: "test-patch", alias: {lang: "en", text: "The Patch"}) { `+fields+` } }`, nil); p.Change != nil {
		t.Fatalf("adding an alias it has changed something: %+v", p)
	}
	refused(t, srv, editorKey, `mutation { removeAlias(id: "test-patch", alias: {lang: "en", text: "Not an alias"}) { entity { id } } }`, nil, "NOT_FOUND")
	if p = run(`mutation { removeAlias(id: "test-patch", alias: {lang: "en", text: "The Patch"}) { `+fields+` } }`, nil); len(p.Entity.Aliases) != 0 {
		t.Fatalf("removeAlias: %+v", p)
	}
	refused(t, srv, editorKey, `mutation { addAlias(id: "test-patch-rel", alias: {lang: "en", text: "x"}) { entity { id } } }`, nil, "NOT_FOUND")
	refused(t, srv, editorKey, `mutation { addAlias(id: "no-such-node", alias: {lang: "en", text: "x"}) { entity { id } } }`, nil, "NOT_FOUND")

	// Descriptions and citations, on an entity and on a relation.
	const nodeFields = `node { __typename ... on Relation { description sources { document { id } } } ... on Entity { description sources { document { id } } } } change { action }`
	type nodePayload struct {
		Node struct {
			Typename    string `json:"__typename"`
			Description *string
			Sources     []struct{ Document struct{ ID string } }
		}
		Change *struct{ Action string }
	}
	runNode := func(q string) nodePayload {
		t.Helper()
		var out map[string]nodePayload
		ok(t, srv, editorKey, q, nil, &out)
		for _, p := range out {
			return p
		}
		return nodePayload{}
	}
	for _, id := range []string{"test-patch", "test-patch-rel"} {
		n := runNode(`mutation { addDescription(id: "` + id + `", description: {lang: "en", text: "A test element."}) { ` + nodeFields + ` } }`)
		if deref(n.Node.Description) != "A test element." {
			t.Fatalf("addDescription on %s: %+v", id, n)
		}
		if n = runNode(`mutation { removeDescription(id: "` + id + `", lang: "en") { ` + nodeFields + ` } }`); n.Node.Description != nil {
			t.Fatalf("removeDescription on %s: %+v", id, n)
		}
		refused(t, srv, editorKey, `mutation { removeDescription(id: "`+id+`", lang: "en") { node { id } } }`, nil, "NOT_FOUND")
		n = runNode(`mutation { addCitation(id: "` + id + `", citation: {source: "reference-dates"}) { ` + nodeFields + ` } }`)
		if len(n.Node.Sources) != 2 {
			t.Fatalf("addCitation on %s: %+v", id, n)
		}
		if n = runNode(`mutation { removeCitation(id: "` + id + `", citation: {source: "reference-names"}) { ` + nodeFields + ` } }`); len(n.Node.Sources) != 1 || n.Node.Sources[0].Document.ID != "reference-dates" {
			t.Fatalf("removeCitation on %s: %+v", id, n)
		}
	}
	if e := refused(t, srv, editorKey, `mutation { removeCitation(id: "test-patch-rel", citation: {source: "reference-dates"}) { node { id } } }`, nil, "INVALID"); !strings.Contains(e.Message, `"sources"`) {
		t.Fatalf("removing a relation's last citation: %q", e.Message)
	}
	refused(t, srv, editorKey, `mutation { addCitation(id: "test-patch", citation: {source: "no-such-document"}) { node { id } } }`, nil, "INVALID")
	refused(t, srv, "", `mutation { addCitation(id: "test-patch", citation: {source: "reference-dates"}) { node { id } } }`, nil, "UNAUTHENTICATED")
}

func labelsText(labels []struct{ Lang, Text string }) string {
	var parts []string
	for _, l := range labels {
		parts = append(parts, l.Lang+":"+l.Text)
	}
	return strings.Join(parts, " ")
}
