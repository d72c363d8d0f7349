package web_test

// Writes from the playground: an editor puts the key in GraphiQL's headers
// editor, runs a mutation that adds a treaty and the two states' signatures
// of it, and an explorer open in another page draws them at once. Without
// the key, the same mutation is refused and writes nothing.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// addTreatyOf1940 adds the accord of June 1940 by which the Kingdom of
// Yugoslavia recognized the Soviet Union and the two opened diplomatic
// relations (the source's paragraph 2, sentence 3), and both states'
// signatures of it. One line: typed into Monaco, a newline would be
// indented and brackets closed as a person types them.
const addTreatyOf1940 = `mutation AddTheAccordOf1940 { ` +
	`accord: createEntity(entity: {id: "diplomatic-relations-accord-1940", kind: "agreement", ` +
	`labels: [{lang: "en", text: "1940 Accord on Diplomatic Relations"}, {lang: "ar", text: "اتفاق إقامة العلاقات الدبلوماسية لعام 1940"}], ` +
	`descriptions: [{lang: "en", text: "The accord of June 1940 by which the Kingdom of Yugoslavia recognized the Soviet Union and the two opened diplomatic relations."}], ` +
	`start: "1940-06", sources: [{source: "ar-wiki-soviet-yugoslav-relations", paragraph: 2, sentence: 3}]}) { entity { id version } } ` +
	`kingdom: createRelation(relation: {id: "kingdom-signed-accord-1940", type: "SIGNED", from: "kingdom-of-yugoslavia", to: "diplomatic-relations-accord-1940", start: "1940-06", end: "1940-06", ` +
	`descriptions: [{lang: "en", text: "The Kingdom of Yugoslavia was a party to the accord of June 1940."}], ` +
	`sources: [{source: "ar-wiki-soviet-yugoslav-relations", paragraph: 2, sentence: 3}]}) { relation { id version } } ` +
	`soviets: createRelation(relation: {id: "ussr-signed-accord-1940", type: "SIGNED", from: "soviet-union", to: "diplomatic-relations-accord-1940", start: "1940-06", end: "1940-06", ` +
	`descriptions: [{lang: "en", text: "The Soviet Union was a party to the accord of June 1940."}], ` +
	`sources: [{source: "ar-wiki-soviet-yugoslav-relations", paragraph: 2, sentence: 3}]}) { relation { id version } } }`

// The ids the mutation creates.
const (
	accordID        = "diplomatic-relations-accord-1940"
	kingdomSignedID = "kingdom-signed-accord-1940"
	sovietSignedID  = "ussr-signed-accord-1940"
)

func TestPlaygroundWritesReachAnOpenExplorer(t *testing.T) {
	srv := startEditableServer(t)
	explorer := openPageOn(t, srv, "/#entity=soviet-union&depth=2")
	explorer.waitReady()
	// Two steps out, the drawing holds relations between the Soviet Union's neighbours too.
	explorer.waitFor("the Soviet Union's neighbourhood", drawnJS("soviet-union")+` && `+drawnJS("kingdom-of-yugoslavia"))
	explorer.waitLive()
	if eval[bool](explorer, drawnJS(accordID)) {
		t.Fatal("the accord is drawn before it is added")
	}

	playground := openPageOn(t, srv, "/playground")
	playground.waitFor("the editor", `document.querySelector('.graphiql-query-editor .monaco-editor') !== null`)

	// Without a key the mutation is refused, and nothing is written.
	playground.replaceEditorText(`.graphiql-query-editor`, addTreatyOf1940)
	playground.execute()
	playground.waitFor("the refusal", responseHasJS("UNAUTHENTICATED"))
	if eval[bool](playground, responseHasJS(accordID)) {
		t.Errorf("the refused mutation answered with the accord: %s", playground.response())
	}
	var before struct {
		Entity   *struct{ ID string } `json:"entity"`
		Relation *struct{ ID string } `json:"relation"`
	}
	graphql(t, srv, "", `query($e: ID!, $r: ID!) { entity(id: $e) { id } relation: node(id: $r) { id } }`,
		map[string]any{"e": accordID, "r": kingdomSignedID}, &before)
	if before.Entity != nil || before.Relation != nil {
		t.Fatalf("the refused mutation wrote %+v", before)
	}

	// With the editor's key in the headers editor it is written.
	playground.do(evalAction(`[...document.querySelectorAll('.graphiql-editor-tools button')].find((b) => b.textContent.trim() === 'Headers').click()`))
	playground.waitFor("the headers editor", `document.querySelector(`+js(headersEditor+` .monaco-editor`)+`) !== null`)
	playground.replaceEditorText(headersEditor, `{"Authorization": "Bearer `+editorToken+`"}`)
	playground.execute()
	wrote := time.Now()
	playground.waitFor("the answer", `!`+responseHasJS("UNAUTHENTICATED")+` && `+responseHasJS(sovietSignedID))
	if answer := playground.response(); strings.Contains(answer, `"errors"`) {
		t.Fatalf("the mutation answered with errors: %s", answer)
	}

	// The other page draws the accord and both signatures, without reload.
	took := explorer.within(5*time.Second, "the accord and its signatures drawn",
		drawnJS(accordID)+` && `+drawnJS(kingdomSignedID)+` && `+drawnJS(sovietSignedID))
	t.Logf("the explorer drew the accord %s after it saw it (%s after the playground's click)", took, time.Since(wrote))
	if label := explorer.nodeLabel(accordID); label != "1940 Accord on Diplomatic Relations" {
		t.Errorf("the accord is drawn as %q", label)
	}
	explorer.screenshot("playground-write-in-explorer")

	// Read back: version 1, created by the key's name (an editor's field).
	var after struct {
		Entity struct {
			Kind      string `json:"kind"`
			Version   int    `json:"version"`
			CreatedBy string `json:"createdBy"`
		} `json:"entity"`
		Kingdom relationAudit `json:"kingdom"`
		Soviets relationAudit `json:"soviets"`
	}
	graphql(t, srv, editorToken, `query($e: ID!, $k: ID!, $s: ID!) {
		entity(id: $e) { kind version createdBy }
		kingdom: node(id: $k) { ...signature }
		soviets: node(id: $s) { ...signature } }
		fragment signature on Relation { type version createdBy from { id } to { id } }`,
		map[string]any{"e": accordID, "k": kingdomSignedID, "s": sovietSignedID}, &after)
	if e := after.Entity; e.Kind != "agreement" || e.Version != 1 || e.CreatedBy != "ada" {
		t.Errorf("the accord is %+v, want an agreement at version 1 created by ada", e)
	}
	for from, r := range map[string]relationAudit{"kingdom-of-yugoslavia": after.Kingdom, "soviet-union": after.Soviets} {
		if r.Type != "SIGNED" || r.Version != 1 || r.CreatedBy != "ada" || r.From.ID != from || r.To.ID != accordID {
			t.Errorf("the signature of %s is %+v, want SIGNED %s -> %s at version 1 created by ada", from, r, from, accordID)
		}
	}
}

// relationAudit is a relation's ends and audit fields, read over GraphQL.
type relationAudit struct {
	Type      string              `json:"type"`
	Version   int                 `json:"version"`
	CreatedBy string              `json:"createdBy"`
	From      struct{ ID string } `json:"from"`
	To        struct{ ID string } `json:"to"`
}

// headersEditor is GraphiQL's headers editor, once its tab is open.
const headersEditor = `.graphiql-editor-tool .graphiql-editor:not(.hidden)`

// responseHasJS is true when GraphiQL's response pane holds text. Monaco
// draws spaces as no-break spaces: text must not have any.
func responseHasJS(text string) string {
	return `(document.querySelector('.graphiql-response')?.textContent ?? '').includes(` + js(text) + `)`
}

// response is the text of GraphiQL's response pane, spaces normalised.
func (p *page) response() string {
	return eval[string](p, `(document.querySelector('.graphiql-response')?.textContent ?? '').replace(/\u00a0/g, ' ')`)
}

// execute runs the tab's operation with GraphiQL's run button.
func (p *page) execute() {
	p.t.Helper()
	p.click(`.graphiql-execute-button`)
}

// replaceEditorText replaces the whole text of the Monaco editor inside
// container as a person does: focus it, select everything, and insert the
// new text in one input event (as a paste is), so that Monaco does not
// auto-close brackets and quotes as it would for keys typed one by one.
func (p *page) replaceEditorText(container, text string) {
	p.t.Helper()
	p.click(container + ` .monaco-editor .view-lines`)
	p.waitFor("the editor's focus", `document.activeElement?.closest(`+js(container)+`) !== null`)
	p.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), insertText(text))
	p.waitFor("the text in the editor", `(document.querySelector(`+js(container+` .monaco-editor`)+`)?.textContent ?? '').replace(/\u00a0/g, ' ').includes(`+js(text[len(text)-20:])+`)`)
}

// insertText inserts text into the focused field in one input event.
func insertText(text string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return chromedp.Void{}, err
	}
}

// The playground runs the subscription example over graphql-ws: a write
// touching Croatia, made straight through the API, shows in its response.
func TestPlaygroundRunsTheSubscriptionExample(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageOn(t, srv, "/playground")
	p.waitFor("the editor", `document.querySelector('.graphiql-query-editor .monaco-editor') !== null`)
	p.do(evalAction(`[...document.querySelectorAll('.graphiql-tab .graphiql-tab-button')].find((b) => b.textContent.trim() === 'WatchCroatia').click()`))
	p.waitFor("the example's tab", `(document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes('graphChanged')`)
	p.waitFor("the example's tab selected", `[...document.querySelectorAll('.graphiql-tab')].some((tab) => tab.getAttribute('aria-selected') === 'true' && tab.textContent.includes('WatchCroatia'))`)
	// GraphiQL works out the operation to send from the editor's text a
	// moment after a tab is opened; sent before, it would name the first
	// tab's operation.
	time.Sleep(time.Second)
	p.execute()

	// The subscription is registered once its socket is up, which the page
	// does not show: write until an announcement arrives, a few times at most.
	deadline := time.Now().Add(10 * time.Second)
	for n := 1; ; n++ {
		graphql(t, srv, editorToken, `mutation($text: String!) { addDescription(id: "croatia", description: {lang: "de", text: $text}) { change { seq } } }`,
			map[string]any{"text": fmt.Sprintf("Staat in Südosteuropa (%d).", n)}, nil)
		if eval[bool](p, responseHasJS(`"croatia"`)+` && `+responseHasJS(`"seq"`)) {
			break
		}
		if time.Now().After(deadline) {
			p.screenshot("failure-" + safeName(t.Name()))
			t.Fatalf("no announcement in the playground after %d writes: %s", n, p.response())
		}
		time.Sleep(500 * time.Millisecond)
	}
	if answer := p.response(); strings.Contains(answer, `"errors"`) {
		t.Fatalf("the subscription answered with errors: %s", answer)
	}
}
