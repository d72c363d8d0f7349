package web_test

// Every view is in the address: opening an address shows its view, and
// back and forward walk through the views a user went through.

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// currentHash is the address's fragment, as the explorer wrote it.
func (p *page) currentHash() string { return eval[string](p, `location.hash`) }

// panelName waits until the side panel shows the entity with this name.
func (p *page) waitPanel(name string) {
	p.t.Helper()
	p.waitFor("the panel to show "+name, `document.querySelector('[data-testid="panel-name"]')?.textContent === `+js(name))
}

func TestEachKindOfAddressRestoresItsView(t *testing.T) {
	cases := []struct {
		name, hash string
		// wait is true once the view is shown.
		wait string
		// check is a JavaScript expression that must be true of the view.
		check string
	}{
		{
			name:  "an entity alone draws its neighbourhood",
			hash:  "#entity=soviet-union",
			wait:  cyJS + `.nodes().length > 5 && document.querySelector('[data-testid="panel-name"]')?.textContent === 'Soviet Union'`,
			check: drawnJS("russian-federation") + ` && ` + drawnJS("belgrade-declaration"),
		},
		{
			name:  "expanded entities",
			hash:  "#expanded=croatia,sfr-yugoslavia&entity=sfr-yugoslavia",
			wait:  drawnJS("soviet-union") + ` && ` + drawnJS("agreement-1988-higher-education"),
			check: cyJS + `.getElementById('croatia').hasClass('expanded') && ` + cyJS + `.getElementById('sfr-yugoslavia').hasClass('expanded') && ` + cyJS + `.getElementById('sfr-yugoslavia').hasClass('selected')`,
		},
		{
			name:  "a depth",
			hash:  "#entity=croatia&depth=2",
			wait:  drawnJS("soviet-union"),
			check: `document.getElementById('depth').value === '2'`,
		},
		{
			name:  "a year",
			hash:  "#entity=sfr-yugoslavia&at=1949",
			wait:  drawnJS(breakEdge),
			check: `document.getElementById('year-toggle').checked && document.getElementById('year-input').value === '1949' && !` + drawnJS("sfry-traded-with-ussr"),
		},
		{
			name:  "the ends of a path",
			hash:  "#mode=path&from=croatia&to=russian-federation",
			wait:  cyJS + `.nodes().length === 4`,
			check: `document.getElementById('mode-path').checked && document.querySelectorAll('[data-testid="path-result"] .path-entity').length === 4`,
		},
		{
			name:  "two years compared",
			hash:  "#mode=compare&entity=sfr-yugoslavia&compare=1948,1956",
			wait:  `document.querySelector('[data-testid="compare-added"]') !== null`,
			check: `document.getElementById('mode-compare').checked && document.getElementById('compare-from').value === '1948' && document.getElementById('compare-to').value === '1956'`,
		},
		{
			name:  "a language",
			hash:  "#lang=ar&entity=soviet-union",
			wait:  cyJS + `.getElementById('soviet-union').data('label') === 'الاتحاد السوفيتي'`,
			check: `document.documentElement.dir === 'rtl' && document.getElementById('lang').value === 'ar'`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := openPage(t, "/"+c.hash)
			p.waitReady()
			p.waitFor("the view", c.wait)
			if !eval[bool](p, c.check) {
				p.screenshot("view-" + safeName(c.name))
				t.Errorf("%s: the view is not the one asked for (%s)", c.hash, c.check)
			}
			// The address is kept as it was: it still names this view.
			if got := p.currentHash(); got != c.hash {
				t.Errorf("the address became %q, want %q", got, c.hash)
			}
		})
	}
}

func TestBackAndForwardWalkThroughViews(t *testing.T) {
	p := openPage(t, "/#entity=croatia")
	p.waitReady()
	p.waitFor("Croatia's neighbourhood", cyJS+`.nodes().length === 5`)

	p.clickNode("sfr-yugoslavia")
	p.waitFor("Yugoslavia expanded", drawnJS("soviet-union"))
	expanded := p.currentHash()
	if expanded != "#expanded=croatia,sfr-yugoslavia&entity=sfr-yugoslavia" {
		t.Errorf("after expanding, the address is %q", expanded)
	}
	p.setYearWithSlider(1949)
	p.waitFor("the year in the address", `location.hash.includes('at=1949')`)

	p.do(chromedp.Evaluate[chromedp.Void](`history.back()`))
	p.waitFor("the view before the year", `!document.getElementById('year-toggle').checked && `+drawnJS("sfry-traded-with-ussr"))
	if got := p.currentHash(); got != expanded {
		t.Errorf("back: the address is %q, want %q", got, expanded)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`history.back()`))
	p.waitFor("Croatia alone again", cyJS+`.nodes().length === 5 && !`+drawnJS("soviet-union"))
	p.waitPanel("Croatia")

	p.do(chromedp.Evaluate[chromedp.Void](`history.forward()`))
	p.waitFor("Yugoslavia expanded again", drawnJS("soviet-union"))
	p.waitPanel("Socialist Federal Republic of Yugoslavia")
	p.do(chromedp.Evaluate[chromedp.Void](`history.forward()`))
	p.waitFor("1949 again", `document.getElementById('year-input').value === '1949' && !`+drawnJS("sfry-traded-with-ussr"))
}
