package web_test

import "testing"

// TestExplorerCroatiaJourney follows, step by step, what a person does on
// a first visit: find Croatia, see its succession and the agreements it
// recognizes drawn with their dates and their sources, open Yugoslavia,
// and slide to 1949 to see the break with the Soviet Union.
func TestExplorerCroatiaJourney(t *testing.T) {
	p := openPage(t, "/")
	p.waitReady()
	p.pick(`[data-testid="search"]`, "Croatia", "croatia")
	p.waitFor("Croatia's neighbourhood", drawnJS("croatia")+` && `+cyJS+`.nodes().length === 5`)

	// Its succession, dated, and the three agreements.
	succession := eval[string](p, labelJS("croatia-co-successor-of-sfry"))
	if !contains(succession, "1992") {
		t.Errorf("the succession edge is labelled %q, want its date 1992", succession)
	}
	for _, id := range []string{"agreement-1955-science-technology", "agreement-1974-culture-science-education", "agreement-1988-higher-education"} {
		if !p.hasElement(id) || !p.hasElement("croatia-recognizes-"+id[:len("agreement-1955")]) {
			t.Errorf("%s, or Croatia's recognition of it, is not drawn", id)
		}
	}
	// The panel cites the article's paragraph and sentence for them.
	p.waitFor("the panel", `document.querySelector('[data-testid="panel-name"]')?.textContent === 'Croatia'`)
	citations := eval[string](p, `Array.from(document.querySelectorAll('[data-testid="citation"]')).map(c => c.textContent).join(' | ')`)
	if !contains(citations, "paragraph 4, sentence 3") || !contains(citations, "paragraph 4, sentence 1") {
		t.Errorf("the panel's sources %q do not cite paragraph 4 (sentences 1 and 3)", citations)
	}
	p.screenshot("journey-croatia")

	// Open Yugoslavia, then slide to 1949: the break with the USSR appears.
	p.clickNode("sfr-yugoslavia")
	p.waitFor("Yugoslavia expanded", drawnJS("soviet-union"))
	p.setYearWithSlider(1949)
	p.waitFor("the graph in 1949", `document.getElementById('year-input').value === '1949' && `+drawnJS(breakEdge))
	if p.hasElement("croatia-co-successor-of-sfry") {
		t.Error("1949: Croatia's 1992 succession is still drawn")
	}
	p.screenshot("journey-1949")
}
