package web_test

// The editor's side of the browser tests: the real server over a seeded
// embedded store with an editor's API key configured, requests made
// straight to its GraphQL endpoint (to read back what the page saved, or
// to change the graph behind the page's back), and the sign-in step.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"kgraph/graph/auth"
	"kgraph/graph/httpapi"
	"kgraph/graph/live"
	"kgraph/graph/store/history"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/web"
)

// editorToken is the secret of the editor's API key the test server takes.
const editorToken = "browser-tests-editor-secret-0123456789"

// startEditableServer serves the explorer over a seeded embedded store
// that takes editorToken as an editor's API key.
func startEditableServer(t *testing.T) *httptest.Server {
	t.Helper()
	requireBrowserSetup(t)
	keys, err := auth.New(auth.Config{APIKeys: "ada:editor:" + editorToken})
	if err != nil {
		t.Fatal(err)
	}
	s := memstoretest.Seeded(t)
	follower := live.New(s, live.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	go follower.Run(ctx)
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Assets: web.Dist(), Auth: keys,
		Live: follower, Snapshots: history.New(s, 8),
	}))
	t.Cleanup(func() { srv.Close(); cancel() })
	return srv
}

// gqlError is one error of a GraphQL answer.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// graphql runs a GraphQL request against srv, with the token when it is
// not empty, and decodes its data into out. It fails the test on any
// error of the answer.
func graphql(t *testing.T, srv *httptest.Server, token, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatalf("status %d, undecodable answer: %v", resp.StatusCode, err)
	}
	if len(answer.Errors) > 0 {
		t.Fatalf("%s\n%v: %s (%v)", query, vars, answer.Errors[0].Message, answer.Errors[0].Extensions)
	}
	if out != nil {
		if err := json.Unmarshal(answer.Data, out); err != nil {
			t.Fatalf("%s: %v in %s", query, err, answer.Data)
		}
	}
}

// entityVersion is the version of an entity and its English name, read over GraphQL.
func entityVersion(t *testing.T, srv *httptest.Server, id string) (version int, name string) {
	t.Helper()
	var out struct {
		Entity *struct {
			Version int    `json:"version"`
			Name    string `json:"name"`
		} `json:"entity"`
	}
	graphql(t, srv, "", `query($id: ID!) { entity(id: $id) { version name(lang: "en") } }`, map[string]any{"id": id}, &out)
	if out.Entity == nil {
		t.Fatalf("entity %s is missing", id)
	}
	return out.Entity.Version, out.Entity.Name
}

// signIn pastes the token into the sign-in form, as an editor does, and
// waits until the editor view of the selected entity is shown.
func (p *page) signIn(token string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(`[data-testid="session-summary"]`), chromedp.NodeVisible))
	p.do(chromedp.SendKeys(chromedp.CSS(`[data-testid="token"]`), token, chromedp.NodeVisible))
	p.do(chromedp.Click(chromedp.CSS(`[data-testid="sign-in"]`), chromedp.NodeVisible))
	p.waitFor("the sign-in", `document.body.dataset.editor === 'true'`)
}

// typeInto replaces the text of a field as a user does: select it all, type.
func (p *page) typeInto(selector, text string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.focus(); el.select(); })()`, js(selector))))
	p.do(chromedp.SendKeys(chromedp.CSS(selector), text, chromedp.NodeVisible))
}

// click clicks an element once it is visible.
func (p *page) click(selector string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// evalAction is a JavaScript statement as a chromedp action.
func evalAction(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](expr)
}

// sendKeys types text into a visible field.
func sendKeys(selector, text string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.CSS(selector), text, chromedp.NodeVisible)
}

// waitCroatia waits until the page, opened on Croatia, has drawn it.
func (p *page) waitCroatia() {
	p.t.Helper()
	p.waitReady()
	p.waitFor("Croatia's neighbourhood", drawnJS("croatia"))
}

// signInOnCroatia signs in and waits for the editor of Croatia.
func (p *page) signInOnCroatia() {
	p.t.Helper()
	p.signIn(editorToken)
	p.waitFor("the editor", `document.querySelector('[data-testid="label-form"][data-lang="en"] input')?.value === 'Croatia'`)
}

// renameElsewhere renames Croatia in English through the API, as another
// editor would, and returns the version it was renamed from.
func renameElsewhere(t *testing.T, srv *httptest.Server, name string) int {
	t.Helper()
	loaded, _ := entityVersion(t, srv, "croatia")
	graphql(t, srv, editorToken, `mutation($v: Int!, $name: String!) { addLabel(id: "croatia", version: $v, label: {lang: "en", text: $name}) { entity { version } } }`,
		map[string]any{"v": loaded, "name": name}, nil)
	return loaded
}
