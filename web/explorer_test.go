package web_test

// The explorer in a real headless Chromium, against the real server: what
// a user sees and does. Screenshots go to test-artifacts/browser/.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const breakEdge = "sfry-broke-relations-ussr-1949"

func TestExplorerLoadsCleanly(t *testing.T) {
	p := openPage(t, "/")
	p.waitReady()
	if n := p.nodeCount(); n != 0 {
		t.Errorf("%d nodes drawn before any search", n)
	}
	if !eval[bool](p, `document.querySelector('[data-testid="graph-empty"]').offsetParent !== null`) {
		t.Error("the empty state is not shown")
	}
	p.screenshot("explorer-start")
	// checkProblems, at cleanup, fails on console errors, failed requests
	// and requests to other hosts.
}

func TestExplorerSearchesInArabic(t *testing.T) {
	p := openPage(t, "/")
	p.waitReady()
	// The seed spells it السوفيتي; the search folds the doubled ya.
	p.pick(`[data-testid="search"]`, "الاتحاد السوفييتي", "soviet-union")
	p.waitFor("the Soviet Union's neighbourhood", drawnJS("soviet-union")+` && `+cyJS+`.nodes().length > 1`)
	p.waitFor("the panel", `document.querySelector('[data-testid="panel-name"]')?.textContent === 'Soviet Union'`)
	if dir := eval[string](p, `document.querySelector('[data-testid="search"]').dir`); dir != "auto" {
		t.Errorf("the search field's dir = %q, want auto (Arabic laid out right to left)", dir)
	}
	labels := eval[string](p, `document.querySelector('[data-testid="panel-labels"]').textContent`)
	if want := "الاتحاد السوفيتي"; !contains(labels, want) {
		t.Errorf("the panel's labels %q lack %q", labels, want)
	}
	if n := eval[int](p, `document.querySelectorAll('[data-testid="citation"]').length`); n == 0 {
		t.Error("the panel shows no sources")
	}
	if n := eval[int](p, `document.querySelectorAll('[data-testid="timeline-item"]').length`); n == 0 {
		t.Error("the timeline shows no dated relations")
	}
	p.screenshot("explorer-search-arabic")
}

func TestExplorerExpandsAClickedNode(t *testing.T) {
	p := openPage(t, "/#entity=croatia&expanded=croatia")
	p.waitReady()
	p.waitFor("Croatia's neighbourhood", cyJS+`.nodes().length === 5`)
	p.clickNode("sfr-yugoslavia")
	p.waitFor("the expansion", cyJS+`.nodes().length > 5`)
	if !p.hasElement("soviet-union") {
		t.Error("expanding Yugoslavia did not draw the Soviet Union")
	}
	if !p.hasElement("croatia") {
		t.Error("expanding lost what was drawn before")
	}
	p.waitFor("the panel", `document.querySelector('[data-testid="panel-name"]')?.textContent === 'Socialist Federal Republic of Yugoslavia'`)
	p.screenshot("explorer-expanded")
}

func TestExplorerFiltersByYear(t *testing.T) {
	p := openPage(t, "/#entity=sfr-yugoslavia&expanded=sfr-yugoslavia")
	p.waitReady()
	p.waitFor("Yugoslavia's neighbourhood", cyJS+`.nodes().length > 5`)
	if !p.hasElement(breakEdge) {
		t.Fatal("the 1949 break is not drawn without a year filter")
	}

	p.setYearWithSlider(1949)
	p.waitFor("the graph in 1949", `document.getElementById('year-input').value === '1949' && !`+drawnJS("sfry-traded-with-ussr"))
	if !p.hasElement(breakEdge) {
		t.Error("1949: the break with the Soviet Union is not drawn")
	}
	label := eval[string](p, labelJS(breakEdge))
	if !contains(label, "1949") {
		t.Errorf("the dated edge's label %q lacks its date", label)
	}
	p.screenshot("explorer-1949")

	p.setYearByTyping(1960)
	p.waitFor("the graph in 1960", `!`+drawnJS(breakEdge))
	if !p.hasElement("sfry-traded-with-ussr") {
		t.Error("1960: the trade (1960-1989) is not drawn")
	}
	p.screenshot("explorer-1960")

	p.do(chromedp.Click(chromedp.CSS(`[data-testid="year-toggle"]`)))
	p.waitFor("the filter off", drawnJS(breakEdge))
}

func TestExplorerDrawsAPath(t *testing.T) {
	p := openPage(t, "/")
	p.waitReady()
	p.do(chromedp.Click(chromedp.CSS(`label[for="mode-path"]`)))
	p.pick(`[data-testid="path-from"]`, "Croatia", "croatia")
	p.pick(`[data-testid="path-to"]`, "Russian Federation", "russian-federation")
	p.waitFor("the path", cyJS+`.nodes().length === 4 && `+cyJS+`.edges().length === 3`)
	for _, id := range []string{"croatia", "russian-federation"} {
		if !p.hasElement(id) {
			t.Errorf("the path lacks %s", id)
		}
	}
	if n := eval[int](p, `document.querySelectorAll('[data-testid="path-result"] .path-entity').length`); n != 4 {
		t.Errorf("the path is spelled out with %d entities, want 4", n)
	}
	p.screenshot("explorer-path")
}

func TestExplorerSwitchesLanguage(t *testing.T) {
	p := openPage(t, "/#entity=soviet-union&expanded=soviet-union")
	p.waitReady()
	p.waitFor("the Soviet Union", drawnJS("soviet-union"))
	if got := p.nodeLabel("soviet-union"); got != "Soviet Union" {
		t.Fatalf("English label = %q", got)
	}
	p.setLanguage("ar")
	p.waitFor("Arabic labels", cyJS+`.getElementById('soviet-union').data('label') === 'الاتحاد السوفيتي'`)
	p.waitFor("the Arabic panel", `document.querySelector('[data-testid="panel-name"]')?.textContent === 'الاتحاد السوفيتي'`)
	if dir := eval[string](p, `getComputedStyle(document.querySelector('[data-testid="panel"]')).direction`); dir != "rtl" {
		t.Errorf("the panel's direction is %q in Arabic, want rtl", dir)
	}
	if lang := eval[string](p, `document.documentElement.lang`); lang != "ar" {
		t.Errorf("<html lang> = %q", lang)
	}
	edge := eval[string](p, labelJS("ussr-signed-belgrade-declaration"))
	if !contains(edge, "1955") || edge == "signed · 1955" {
		t.Errorf("the edge label %q is not in Arabic", edge)
	}
	p.screenshot("explorer-arabic")

	p.setLanguage("en")
	p.waitFor("English labels again", cyJS+`.getElementById('soviet-union').data('label') === 'Soviet Union'`)
	if dir := eval[string](p, `getComputedStyle(document.querySelector('[data-testid="panel"]')).direction`); dir != "ltr" {
		t.Errorf("the panel's direction is %q in English, want ltr", dir)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
