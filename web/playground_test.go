package web_test

// The playground in a real headless Chromium: it must render its editor,
// load the schema docs by introspection and run a query, all from this
// server's own assets: checkProblems fails on any request to another host
// (a CDN font, a worker from unpkg) and on any console error.

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestPlaygroundRunsAQueryOffline(t *testing.T) {
	p := openPage(t, "/playground")
	p.waitFor("the editor", `document.querySelector('.graphiql-container .monaco-editor') !== null`)
	// One tab per example query.
	if n := eval[int](p, `document.querySelectorAll('.graphiql-tab').length`); n < 5 {
		t.Errorf("%d tabs, want the 5 example queries", n)
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
