package web_test

// The drawing stays readable at any size: measured through Cytoscape's
// own API on the Soviet Union's neighbourhoods, the densest part of the
// seed, in both scripts.

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// overlappingLabelsJS lists the pairs of entities whose labels overlap on
// screen, as Cytoscape lays the labels out (rendered bounding boxes, at the
// view's zoom).
const overlappingLabelsJS = `(() => {
	const cy = ` + cyJS + `;
	const boxes = cy.nodes().map((n) => [n.id(), n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })]);
	const overlaps = [];
	for (let i = 0; i < boxes.length; i++) {
		for (let j = i + 1; j < boxes.length; j++) {
			const [a, p] = boxes[i];
			const [b, q] = boxes[j];
			if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) overlaps.push(a + ' / ' + b);
		}
	}
	return overlaps;
})()`

// canvasUseJS is the share of the canvas's width and height the drawing spans.
const canvasUseJS = `(() => {
	const cy = ` + cyJS + `;
	const b = cy.nodes().renderedBoundingBox({ includeLabels: true });
	return [b.w / cy.width(), b.h / cy.height()];
})()`

func TestSovietNeighbourhoodLabelsNeverOverlap(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		for _, depth := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/depth-%d", lang, depth), func(t *testing.T) {
				p := openPage(t, fmt.Sprintf("/#entity=soviet-union&depth=%d&lang=%s", depth, lang))
				p.waitReady()
				p.waitFor("the neighbourhood", drawnJS("soviet-union")+` && `+cyJS+`.nodes().length > 5`)
				n := p.nodeCount()
				p.screenshot(fmt.Sprintf("labels-soviet-union-depth-%d-%s", depth, lang))
				if overlaps := eval[[]string](p, overlappingLabelsJS); len(overlaps) > 0 {
					t.Errorf("%d entities drawn, %d pairs of labels overlap: %v", n, len(overlaps), overlaps)
				}
				use := eval[[]float64](p, canvasUseJS)
				if use[0] < 0.7 && use[1] < 0.7 {
					t.Errorf("the drawing spans %.0f%% of the canvas's width and %.0f%% of its height; want 70%% of one", use[0]*100, use[1]*100)
				}
				// Parallel relations are drawn as one edge: no two edges join the same two entities.
				if dup := eval[int](p, `(() => { const cy = `+cyJS+`; const seen = new Set(); let dup = 0;
					cy.edges().forEach((e) => { const k = [e.source().id(), e.target().id()].sort().join('|'); if (seen.has(k)) dup++; seen.add(k); });
					return dup; })()`); dup > 0 {
					t.Errorf("%d edges join two entities already joined", dup)
				}
				t.Logf("%d entities, %d edges drawn; the drawing spans %.0f%% × %.0f%% of the canvas", n, eval[int](p, cyJS+`.edges().length`), use[0]*100, use[1]*100)
			})
		}
	}
}

func TestParallelRelationsSplitOnClickAndLabelsShowForTheSelection(t *testing.T) {
	p := openPage(t, "/#entity=croatia&expanded=croatia,sfr-yugoslavia")
	p.waitReady()
	p.waitFor("the bundle between Yugoslavia and the Soviet Union", cyJS+`.getElementById('bundle:sfr-yugoslavia|soviet-union').nonempty()`)
	bundled := eval[[]string](p, cyJS+`.getElementById('bundle:sfr-yugoslavia|soviet-union').data('relations')`)
	if len(bundled) < 3 {
		t.Fatalf("the bundle holds %v", bundled)
	}
	if count := eval[string](p, cyJS+`.getElementById('bundle:sfr-yugoslavia|soviet-union').pstyle('label').strValue`); count != fmt.Sprint(len(bundled)) {
		t.Errorf("the bundle of %d relations is labelled %q", len(bundled), count)
	}

	// Edge labels: on the selected entity's edges only.
	labelled := eval[[]string](p, `(() => { const cy = `+cyJS+`; return cy.edges(':simple').filter((e) => !e.hasClass('bundle') && e.pstyle('label').strValue !== '').map((e) => e.id()); })()`)
	for _, id := range labelled {
		if !eval[bool](p, cyJS+`.getElementById(`+js(id)+`).connectedNodes().some((n) => n.id() === 'croatia')`) {
			t.Errorf("%s is labelled, but is not an edge of the selected entity", id)
		}
	}
	if len(labelled) == 0 {
		t.Error("the selected entity's edges are not labelled")
	}
	// Hovering an edge labels it.
	// The longest such edge, whose middle is furthest from any label.
	other := eval[string](p, cyJS+`.edges().filter((e) => !e.hasClass('bundle') && e.pstyle('label').strValue === '')
		.sort((a, b) => b.renderedBoundingBox().w + b.renderedBoundingBox().h - a.renderedBoundingBox().w - a.renderedBoundingBox().h).first().id()`)
	xy := p.edgeMidpoint(other)
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	p.waitFor("the hovered edge's label", cyJS+`.getElementById(`+js(other)+`).pstyle('label').strValue !== ''`)

	// A click on the bundle draws its relations one by one.
	xy = p.edgeMidpoint("bundle:sfr-yugoslavia|soviet-union")
	p.do(chromedp.MouseClickXY(xy[0], xy[1]))
	p.waitFor("the relations drawn one by one", cyJS+`.getElementById('bundle:sfr-yugoslavia|soviet-union').empty()`)
	for _, id := range bundled {
		if !eval[bool](p, cyJS+`.getElementById(`+js(id)+`).nonempty()`) {
			t.Errorf("after the click, %s has no edge of its own", id)
		}
	}
	p.screenshot("bundle-split")
}

// edgeMidpoint is where the middle of an edge is drawn, in page coordinates.
func (p *page) edgeMidpoint(id string) []float64 {
	p.t.Helper()
	return eval[[]float64](p, `(() => { const cy = `+cyJS+`; const m = cy.getElementById(`+js(id)+`).renderedMidpoint(); const b = cy.container().getBoundingClientRect(); return [b.left + m.x, b.top + m.y]; })()`)
}
