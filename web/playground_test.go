package web_test

// The playground in a real headless Chromium: it must render its editor,
// load the schema docs by introspection and run a query, all from this
// server's own assets: checkProblems fails on any request to another host
// (a CDN font, a worker from unpkg) and on any console error.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestPlaygroundRunsAQueryOffline(t *testing.T) {
	p := openPage(t, "/playground")
	p.waitFor("the editor", `document.querySelector('.graphiql-container .monaco-editor') !== null`)
	// One tab per example of docs/examples, the README's examples, in order.
	names, files := exampleFiles(t)
	var want []string
	for _, name := range names {
		want = append(want, operationName.FindStringSubmatch(files[name])[1])
	}
	tabs := eval[[]string](p, `[...document.querySelectorAll('.graphiql-tab .graphiql-tab-button')].map((tab) => tab.textContent.trim())`)
	if strings.Join(tabs, ",") != strings.Join(want, ",") {
		t.Errorf("the tabs are %v, want the examples %v", tabs, want)
	}
	query := eval[string](p, `document.querySelector('.graphiql-query-editor')?.textContent ?? ''`)
	if !contains(query, "SuccessorsOfTheSovietUnion") {
		t.Errorf("the first tab is not the first example: %q", query)
	}

	p.do(chromedp.Click(chromedp.CSS(`.graphiql-execute-button`), chromedp.NodeVisible))
	// Monaco draws spaces as no-break spaces: look for a word without any.
	p.waitFor("the response", `(document.querySelector('.graphiql-response')?.textContent ?? '').includes('russian-federation')`)

	// The Docs pane is built from the schema, fetched by introspection.
	p.do(chromedp.Click(chromedp.CSS(`[aria-label="Show Documentation Explorer"]`), chromedp.NodeVisible))
	p.waitFor("the schema docs", `(document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('Query')`)
	p.screenshot("playground")
}
