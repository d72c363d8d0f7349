package web_test

// What a user does in the explorer, as steps the tests share.

import (
	"fmt"
	"strconv"

	"github.com/chromedp/chromedp"
)

// js quotes a Go string as a JavaScript string literal.
func js(s string) string { return strconv.Quote(s) }

// cyJS reaches the page's Cytoscape instance the way Cytoscape itself
// does: it registers each instance on its container element. The explorer
// ships no global for the tests.
const cyJS = `document.getElementById('graph')._cyreg.cy`

// drawnJS is a JavaScript expression, true when the drawing has the entity
// or relation: as an element of its own, or among the relations of an edge
// that stands for several.
func drawnJS(id string) string {
	return fmt.Sprintf(`((cy, id) => cy.getElementById(id).nonempty() || cy.edges('.bundle').some((e) => e.data('relations').includes(id)))(%s, %s)`, cyJS, js(id))
}

// labelJS is a JavaScript expression: the label of a relation drawn, on
// its own edge or as one line of an edge that stands for several.
func labelJS(id string) string {
	return fmt.Sprintf(`((cy, id) => { const e = cy.getElementById(id); if (e.nonempty()) return e.data('label'); const b = cy.edges('.bundle').filter((b) => b.data('relations').includes(id)); return b.nonempty() ? b.data('labels')[id] : ''; })(%s, %s)`, cyJS, js(id))
}

// waitReady waits until the explorer has loaded its vocabulary and the
// year range and has drawn what its address asks for.
func (p *page) waitReady() {
	p.t.Helper()
	p.waitFor("the explorer to start", `document.getElementById('graph')._cyreg?.cy !== undefined && document.getElementById('year-slider').min !== '1800'`)
}

// nodeCount is the number of entities drawn.
func (p *page) nodeCount() int { return eval[int](p, cyJS+`.nodes().length`) }

// hasElement reports whether the drawing has the entity or relation.
func (p *page) hasElement(id string) bool { return eval[bool](p, drawnJS(id)) }

// nodeLabel is the label drawn for an entity.
func (p *page) nodeLabel(id string) string {
	return eval[string](p, fmt.Sprintf(`%s.getElementById(%s).data('label')`, cyJS, js(id)))
}

// setLanguage chooses a language in the language switch.
func (p *page) setLanguage(lang string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.querySelector('[data-testid="lang"]');
		s.value = %s;
		s.dispatchEvent(new Event('change', { bubbles: true }));
	})()`, js(lang))))
}

// pick types text into an entity picker, as a user would, and chooses the
// hit with the given id from the list it offers.
func (p *page) pick(input, text, id string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(input)), chromedp.SendKeys(chromedp.CSS(input), text))
	hit := fmt.Sprintf(`[data-testid="search-hit"][data-id=%s]`, js(id))
	p.waitFor("a search hit for "+id, fmt.Sprintf(`[...document.querySelectorAll(%s)].some((el) => el.offsetParent !== null)`, js(hit)))
	p.do(chromedp.Click(chromedp.CSS(hit), chromedp.NodeVisible))
}

// clickNode clicks an entity where it is drawn on the canvas, with the
// mouse, once the drawing has stopped moving. It fails when something else
// (an overlay) covers the node, since a user could not click it either.
func (p *page) clickNode(id string) {
	p.t.Helper()
	p.waitFor("the drawing to settle", `(() => {
		const cy = `+cyJS+`;
		if (cy.nodes().some((n) => n.animated())) return false;
		const at = JSON.stringify(cy.getElementById(`+js(id)+`).renderedPosition());
		const same = window.__lastAt === at;
		window.__lastAt = at;
		return same;
	})()`)
	xy := eval[[]float64](p, fmt.Sprintf(`(() => {
		const cy = %s;
		const n = cy.getElementById(%s);
		const box = cy.container().getBoundingClientRect();
		const at = n.renderedPosition();
		return [box.left + at.x, box.top + at.y];
	})()`, cyJS, js(id)))
	covered := eval[bool](p, fmt.Sprintf(`!%s.container().contains(document.elementFromPoint(%f, %f))`, cyJS, xy[0], xy[1]))
	if covered {
		p.screenshot("covered-" + id)
		p.t.Fatalf("the node %s is covered by another element where it is drawn", id)
	}
	p.do(chromedp.MouseClickXY(xy[0], xy[1]))
}

// setYearWithSlider moves the year slider to a year, as dragging it does:
// input events while it moves, change when it is let go.
func (p *page) setYearWithSlider(year int) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.getElementById('year-slider');
		s.value = %d;
		s.dispatchEvent(new Event('input', { bubbles: true }));
		s.dispatchEvent(new Event('change', { bubbles: true }));
	})()`, year)))
}

// setYearByTyping types a year into the number field and leaves it.
func (p *page) setYearByTyping(year int) {
	p.t.Helper()
	p.do(
		chromedp.Evaluate[chromedp.Void](`document.getElementById('year-input').select()`),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="year-input"]`), strconv.Itoa(year)+"\t"),
	)
}
