package web_test

// The editor view in a real browser: an editor signs in with a token,
// edits an entity's label, dates and description, adds a relation with its
// citation and deletes it, and is told of a conflict next to the field
// when the entity changed since the form was loaded. Everything saved is
// read back over GraphQL, not from the page.

import (
	"fmt"
	"strings"
	"testing"
)

// enLabel is the editor's form of the English label.
const enLabel = `[data-testid="label-form"][data-lang="en"]`

func TestEditorSavesLabelDatesAndDescription(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/#entity=croatia")
	p.waitCroatia()
	if eval[bool](p, `document.querySelector('[data-testid="editor"]').hidden === false`) {
		t.Error("the editor shows before anyone signed in")
	}
	before, _ := entityVersion(t, srv, "croatia")
	p.signInOnCroatia()

	// The token is kept for this tab only: in sessionStorage, not in localStorage or a cookie.
	if where := eval[string](p, `JSON.stringify([sessionStorage.getItem('kgraph.editorToken') !== null, localStorage.length, document.cookie])`); where != `[true,0,""]` {
		t.Errorf("[in sessionStorage, localStorage items, cookies] = %s, want [true,0,\"\"]", where)
	}

	// The label: saved, drawn, shown in the panel, and stored with the next version.
	p.typeInto(enLabel+` input`, "Republic of Croatia")
	p.click(enLabel + ` [data-testid="label-save"]`)
	p.waitFor("the new name drawn", cyJS+`.getElementById('croatia').data('label') === 'Republic of Croatia'`)
	p.waitFor("the new name in the panel", `document.querySelector('[data-testid="panel-name"]')?.textContent === 'Republic of Croatia'`)
	if v, name := entityVersion(t, srv, "croatia"); name != "Republic of Croatia" || v != before+1 {
		t.Errorf("after the label edit: %q at version %d, want %q at version %d", name, v, "Republic of Croatia", before+1)
	}
	// The page hears of its own change when the server's follower next
	// reads the log (every 200 ms).
	p.waitFor("the label edit announced", `(document.body.dataset.liveSeq ?? '') !== ''`)
	labelSeq := eval[string](p, `document.body.dataset.liveSeq ?? ''`)

	// The dates: a whole update that keeps the descriptions in every language.
	p.waitFor("the form at the new version", `document.querySelector('[data-testid="editor-version"]')?.dataset.version === '`+fmt.Sprint(before+1)+`'`)
	p.typeInto(`[data-testid="start-input"]`, "1991-10-08")
	p.click(`[data-testid="dates-save"]`)
	p.waitFor("the form at the next version", `document.querySelector('[data-testid="editor-version"]')?.dataset.version === '`+fmt.Sprint(before+2)+`'`)
	var dated struct {
		Entity struct {
			Start        string `json:"start"`
			Descriptions []struct{ Lang, Text string }
		} `json:"entity"`
	}
	graphql(t, srv, "", `{ entity(id: "croatia") { start descriptions { lang text } } }`, nil, &dated)
	if dated.Entity.Start != "1991-10-08" {
		t.Errorf("start = %q after the dates edit, want 1991-10-08", dated.Entity.Start)
	}
	if len(dated.Entity.Descriptions) != 2 {
		t.Errorf("the dates edit left descriptions %v, want the English and the Arabic ones kept", dated.Entity.Descriptions)
	}

	// The description in the language shown.
	p.typeInto(`[data-testid="description-input"]`, "A state on the Adriatic, one of socialist Yugoslavia's successors.")
	p.click(`[data-testid="description-save"]`)
	p.waitFor("the description in the panel", `document.querySelector('#details .description')?.textContent.startsWith('A state on the Adriatic')`)

	// History, and the entity as of the label edit: renamed, not yet redated.
	p.click(`[data-testid="history"] summary`)
	p.waitFor("the history", `document.querySelectorAll('[data-testid="history-entry"]').length >= 3`)
	if labelSeq == "" {
		t.Fatal("the page never heard of its own change (no graphChanged)")
	}
	p.click(`[data-testid="history-entry"][data-seq="` + labelSeq + `"] [data-testid="view-as-of"]`)
	p.waitFor("the entity as of the label edit", `document.querySelector('[data-testid="asof-name"]')?.textContent.includes('Republic of Croatia')`)
	if dates := eval[string](p, `document.querySelector('[data-testid="asof-dates"]')?.textContent ?? ''`); strings.Contains(dates, "1991-10-08") {
		t.Errorf("as of the label edit the dates read %q: the later dates edit shows", dates)
	}
	if found := p.seriousViolations(); len(found) > 0 {
		p.screenshot("axe-editor")
		t.Errorf("axe-core finds serious violations in the editor:\n  %s", strings.Join(found, "\n  "))
	}
	p.screenshot("editor")

	// Signing out forgets the token and hides the editor.
	p.click(`[data-testid="session-summary"]`)
	p.click(`[data-testid="sign-out"]`)
	p.waitFor("the sign-out", `document.body.dataset.editor === 'false' && document.querySelector('[data-testid="editor"]').hidden`)
	if kept := eval[bool](p, `sessionStorage.getItem('kgraph.editorToken') !== null`); kept {
		t.Error("the token is still in sessionStorage after signing out")
	}
}

func TestEditorAddsAndDeletesARelation(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/#entity=croatia")
	p.waitCroatia()
	p.signIn(editorToken)
	p.waitFor("the editor", `document.querySelector('[data-testid="relation-form"]') !== null`)

	p.do(evalAction(`(() => { const s = document.getElementById('rel-type'); s.value = 'ESTABLISHED_RELATIONS'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`))
	p.pick(`#rel-target`, "Russian Federation", "russian-federation")
	p.typeInto(`#rel-start`, "1992")
	p.typeInto(`#rel-source`, "ar-wiki-soviet-yugoslav-relations")
	p.typeInto(`#rel-paragraph`, "4")
	p.typeInto(`#rel-sentence`, "1")
	p.click(`[data-testid="relation-add"]`)
	const id = "croatia-established-relations-russian-federation-1992"
	p.waitFor("the new relation drawn", drawnJS(id)+` && document.querySelector('[data-testid="edit-relation"][data-relation="`+id+`"]') !== null`)

	var added struct {
		Node *struct {
			Type, FromID, ToID, Start string
			Sources                   []struct {
				Document            struct{ ID string }
				Paragraph, Sentence int
			}
		} `json:"node"`
	}
	graphql(t, srv, "", `query($id: ID!) { node(id: $id) { ... on Relation { type fromId toId start sources { document { id } paragraph sentence } } } }`, map[string]any{"id": id}, &added)
	r := added.Node
	if r == nil || r.Type != "ESTABLISHED_RELATIONS" || r.FromID != "croatia" || r.ToID != "russian-federation" || r.Start != "1992" ||
		len(r.Sources) != 1 || r.Sources[0].Document.ID != "ar-wiki-soviet-yugoslav-relations" || r.Sources[0].Paragraph != 4 || r.Sources[0].Sentence != 1 {
		t.Fatalf("stored relation %s = %+v, want ESTABLISHED_RELATIONS croatia → russian-federation from 1992, citing paragraph 4 sentence 1", id, r)
	}

	// Deleting takes two clicks, and then it is gone from the drawing and the graph.
	item := `[data-testid="edit-relation"][data-relation="` + id + `"]`
	p.click(item + ` [data-testid="relation-delete-button"]`)
	p.click(item + ` [data-testid="relation-delete-confirm"]`)
	p.waitFor("the relation gone", `!(`+drawnJS(id)+`) && document.querySelector('`+item+`') === null`)
	var gone struct {
		Node *struct{ ID string } `json:"node"`
	}
	graphql(t, srv, "", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &gone)
	if gone.Node != nil {
		t.Errorf("relation %s is still stored after its deletion", id)
	}
}

func TestEditorShowsAConflictNextToTheField(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/#entity=croatia")
	p.waitCroatia()
	p.signInOnCroatia()

	// The editor starts typing; meanwhile someone else renames Croatia.
	p.typeInto(enLabel+` input`, "Croatia (my edit)")
	loaded := renameElsewhere(t, srv, "Croatia (their edit)")
	p.waitFor("the notice that the entity changed", `!document.querySelector('[data-testid="editor-stale"]').hidden`)
	if typed := eval[string](p, `document.querySelector('`+enLabel+` input').value`); typed != "Croatia (my edit)" {
		t.Errorf("the change elsewhere replaced what the editor typed with %q", typed)
	}

	// Saving now is refused, and the form says so next to the field.
	p.click(enLabel + ` [data-testid="label-save"]`)
	p.waitFor("the conflict next to the label", `(() => {
		const e = document.querySelector('`+enLabel+` [data-error-for="text"]');
		return e !== null && !e.hidden && e.dataset.kind === 'conflict';
	})()`)
	msg := eval[string](p, `document.querySelector('`+enLabel+` [data-error-for="text"]').textContent`)
	if !strings.Contains(msg, fmt.Sprint(loaded+1)) {
		t.Errorf("the conflict reads %q: it does not name the current version %d", msg, loaded+1)
	}
	if invalid := eval[string](p, `document.querySelector('`+enLabel+` input').getAttribute('aria-invalid') ?? ''`); invalid != "true" {
		t.Errorf("the label field has aria-invalid=%q during the conflict", invalid)
	}
	if _, name := entityVersion(t, srv, "croatia"); name != "Croatia (their edit)" {
		t.Errorf("the stale edit overwrote the label: %q", name)
	}
	if found := p.seriousViolations(); len(found) > 0 {
		t.Errorf("axe-core finds serious violations with the conflict shown:\n  %s", strings.Join(found, "\n  "))
	}
	p.screenshot("editor-conflict")

	// Reloading shows their edit, at the current version.
	p.click(enLabel + ` [data-testid="conflict-reload"]`)
	p.waitFor("the latest version", `document.querySelector('`+enLabel+` input')?.value === 'Croatia (their edit)' && document.querySelector('[data-testid="editor-version"]').dataset.version === '`+fmt.Sprint(loaded+1)+`'`)
}

func TestSignInRefusesABadToken(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/#entity=croatia")
	p.waitReady()
	p.click(`[data-testid="session-summary"]`)
	p.do(sendKeys(`[data-testid="token"]`, "not-a-token-anyone-configured"))
	p.click(`[data-testid="sign-in"]`)
	p.waitFor("the refusal next to the sign-in", `!document.querySelector('[data-testid="session-error"]').hidden`)
	if signedIn := eval[string](p, `document.body.dataset.editor`); signedIn != "false" {
		t.Errorf("a bad token signed in (data-editor=%q)", signedIn)
	}
	if kept := eval[bool](p, `sessionStorage.getItem('kgraph.editorToken') !== null`); kept {
		t.Error("a bad token was kept in sessionStorage")
	}
}

func TestEditorShowsInvalidInputNextToTheField(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/#entity=croatia")
	p.waitCroatia()
	p.signInOnCroatia()
	before, _ := entityVersion(t, srv, "croatia")

	// An end before the start: the server refuses it, naming the field.
	p.typeInto(`[data-testid="end-input"]`, "1900")
	p.click(`[data-testid="dates-save"]`)
	p.waitFor("the error next to the end date", `(() => {
		const e = document.querySelector('[data-testid="dates-form"] [data-error-for="end"]');
		return e !== null && !e.hidden && e.dataset.kind === 'invalid';
	})()`)
	if invalid := eval[string](p, `document.querySelector('[data-testid="end-input"]').getAttribute('aria-invalid') ?? ''`); invalid != "true" {
		t.Errorf("the end date field has aria-invalid=%q", invalid)
	}
	// A date the API cannot read, in a new relation: next to its field too.
	p.pick(`#rel-target`, "Slovenia", "slovenia")
	p.typeInto(`#rel-start`, "1992-13")
	p.click(`[data-testid="relation-add"]`)
	p.waitFor("the error next to the relation's start", `(() => {
		const e = document.querySelector('[data-testid="relation-form"] [data-error-for="start"]');
		return e !== null && !e.hidden;
	})()`)
	if v, _ := entityVersion(t, srv, "croatia"); v != before {
		t.Errorf("a refused edit changed Croatia's version from %d to %d", before, v)
	}
	if found := p.seriousViolations(); len(found) > 0 {
		t.Errorf("axe-core finds serious violations with the errors shown:\n  %s", strings.Join(found, "\n  "))
	}
}
