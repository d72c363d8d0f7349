package web_test

// The explorer for people who do not use a mouse or cannot see the
// drawing: the drawing as tables, the keyboard moving between entities
// with a visible focus, and axe-core (from npm) finding no serious or
// critical violation in any view.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeSource is axe-core's browser build, installed by npm ci.
var axeSource = filepath.Join("node_modules", "axe-core", "axe.min.js")

// seriousViolations runs axe-core on the page and lists its serious and
// critical violations, each with the elements at fault.
func (p *page) seriousViolations() []string {
	p.t.Helper()
	src, err := os.ReadFile(axeSource)
	if err != nil {
		skipOrFail(p.t, "%s is missing: run `npm ci` in web/ (%v)", axeSource, err)
	}
	p.do(chromedp.Evaluate[chromedp.Void](string(src)))
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
		r.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("axe.run: %v", err)
	}
	return v
}

func TestAxeFindsNoSeriousViolations(t *testing.T) {
	views := []struct {
		name, hash string
		wait       string
		// then runs before the check, to reach the view.
		then string
	}{
		{"start", "", `true`, ""},
		{"neighbourhood", "#entity=soviet-union&depth=2", drawnJS("croatia"), ""},
		{"neighbourhood in Arabic", "#entity=soviet-union&lang=ar", drawnJS("russian-federation"), ""},
		{"tables", "#entity=soviet-union", drawnJS("russian-federation"), `document.querySelector('[data-testid="view-table"]').click()`},
		{"downloads menu", "#entity=soviet-union", drawnJS("russian-federation"), `document.querySelector('[data-testid="downloads"]').open = true`},
		{"path", "#mode=path&from=croatia&to=russian-federation", cyJS + `.nodes().length === 4`, ""},
		{"compare in Arabic", "#mode=compare&entity=sfr-yugoslavia&compare=1948,1956&lang=ar", `document.querySelector('[data-testid="compare-added"]') !== null`, ""},
		{"year filter on", "#entity=sfr-yugoslavia&at=1949", drawnJS(breakEdge), ""},
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			p := openPage(t, "/"+v.hash)
			p.waitReady()
			p.waitFor("the view", v.wait)
			if v.then != "" {
				p.do(chromedp.Evaluate[chromedp.Void](v.then))
				p.waitFor("the view", `true`)
			}
			if found := p.seriousViolations(); len(found) > 0 {
				p.screenshot("axe-" + safeName(v.name))
				t.Errorf("axe-core finds %d serious or critical violations:\n  %s", len(found), strings.Join(found, "\n  "))
			}
		})
	}
}

func TestKeyboardMovesBetweenEntities(t *testing.T) {
	p := openPage(t, "/#entity=croatia")
	p.waitReady()
	p.waitFor("Croatia's neighbourhood", cyJS+`.nodes().length === 5`)

	// The drawing is reached with Tab like any control, and shows its focus.
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('search').focus()`))
	for i := 0; i < 20 && eval[string](p, `document.activeElement?.id ?? ''`) != "graph"; i++ {
		p.do(chromedp.KeyEvent(kb.Tab))
	}
	if id := eval[string](p, `document.activeElement?.id ?? ''`); id != "graph" {
		t.Fatalf("Tab never reached the drawing (focus on %q)", id)
	}
	if style := eval[string](p, `getComputedStyle(document.getElementById('graph')).outlineStyle`); style == "none" {
		t.Error("the focused drawing shows no outline")
	}

	// Arrows move from entity to entity: each is shown in the panel and announced.
	visited := map[string]bool{}
	for _, key := range []string{kb.ArrowRight, kb.ArrowDown, kb.ArrowLeft, kb.ArrowUp, kb.ArrowRight, kb.ArrowLeft} {
		p.do(chromedp.KeyEvent(key))
		p.waitFor("the panel to follow the focus", `(() => {
			const f = `+cyJS+`.nodes('.focused');
			return f.length === 1 && document.querySelector('[data-testid="panel-name"]')?.textContent === f.data('label');
		})()`)
		visited[eval[string](p, cyJS+`.nodes('.focused').id()`)] = true
	}
	if len(visited) < 2 {
		t.Errorf("the arrow keys reached only %v", visited)
	}
	if announced := eval[string](p, `document.getElementById('graph-focus').textContent`); announced == "" {
		t.Error("the focused entity is not announced")
	}

	// Enter expands the focused entity, as a click does: move off Croatia,
	// which is expanded already, first.
	for _, key := range []string{kb.ArrowRight, kb.ArrowDown, kb.ArrowLeft, kb.ArrowUp, kb.ArrowRight, kb.ArrowDown} {
		if eval[string](p, cyJS+`.nodes('.focused').id()`) != "croatia" {
			break
		}
		p.do(chromedp.KeyEvent(key))
		p.waitFor("the panel to follow the focus", `document.querySelector('[data-testid="panel-name"]')?.textContent === `+cyJS+`.nodes('.focused').data('label')`)
	}
	focused := eval[string](p, cyJS+`.nodes('.focused').id()`)
	if focused == "croatia" {
		t.Fatal("the arrow keys never left Croatia")
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor("the expansion", `location.hash.includes('expanded=croatia,'+`+js(focused)+`) && `+cyJS+`.getElementById(`+js(focused)+`).hasClass('expanded')`)
}

func TestTableViewListsTheDrawing(t *testing.T) {
	p := openPage(t, "/#entity=soviet-union")
	p.waitReady()
	p.waitFor("the neighbourhood", drawnJS("russian-federation"))
	p.do(chromedp.Click(chromedp.CSS(`[data-testid="view-table"]`)))
	p.waitFor("the tables", `!document.querySelector('[data-testid="graph-table"]').hidden`)

	entities := eval[[]string](p, `[...document.querySelectorAll('[data-testid="table-entities"] tbody tr')].map((tr) => tr.dataset.id).sort()`)
	drawn := eval[[]string](p, cyJS+`.nodes().map((n) => n.id()).sort()`)
	if strings.Join(entities, ",") != strings.Join(drawn, ",") {
		t.Errorf("the table lists %v, the drawing has %v", entities, drawn)
	}
	// Every relation, including those drawn together on one edge.
	relations := eval[int](p, `document.querySelectorAll('[data-testid="table-relations"] tbody tr').length`)
	want := eval[int](p, cyJS+`.edges().map((e) => e.hasClass('bundle') ? e.data('relations').length : 1).reduce((a, b) => a + b, 0)`)
	if relations != want || relations == 0 {
		t.Errorf("the table lists %d relations, the drawing %d", relations, want)
	}
	// Choosing an entity in the table opens it, as clicking its node does.
	p.do(chromedp.Click(chromedp.CSS(`[data-testid="table-entities"] tr[data-id="russian-federation"] button`)))
	p.waitPanel("Russian Federation")
	p.waitFor("the table to follow", `document.querySelector('[data-testid="table-entities"] tr[data-id="russian-federation"] button')?.getAttribute('aria-current') === 'true'`)
	p.screenshot("table-view")
}
