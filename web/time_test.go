package web_test

// Time you can watch and compare: the play button runs the year filter
// through the years, the compare mode shows what was added, ended and held
// between two years, and in Arabic the timeline runs right to left.

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// recordYearsJS starts recording each year the year field shows.
const recordYearsJS = `(() => {
	window.testYears = [];
	const field = document.getElementById('year-input');
	const note = () => { const y = Number(field.value); if (window.testYears.at(-1) !== y) window.testYears.push(y); };
	note();
	new MutationObserver(note).observe(field, { attributes: true });
	const tick = () => { note(); requestAnimationFrame(tick); };
	tick();
})()`

func TestPlayRunsTheYears(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			p := openPage(t, "/#entity=sfr-yugoslavia&lang="+lang)
			p.waitReady()
			p.waitFor("Yugoslavia's neighbourhood", drawnJS("soviet-union"))
			first := eval[int](p, `Number(document.getElementById('year-slider').min)`)
			last := eval[int](p, `Number(document.getElementById('year-slider').max)`)

			// From the start: the filter turns on at the first dated year and moves on.
			p.do(chromedp.Evaluate[chromedp.Void](recordYearsJS), chromedp.Click(chromedp.CSS(`[data-testid="play"]`)))
			p.waitFor("the second year", fmt.Sprintf(`document.getElementById('year-input').value === '%d'`, first+1))
			if !eval[bool](p, `document.getElementById('year-toggle').checked && document.body.dataset.playing === 'true'`) {
				t.Error("while playing, the year filter is not on")
			}
			p.do(chromedp.Click(chromedp.CSS(`[data-testid="play"]`)))
			p.waitFor("the pause", `document.body.dataset.playing === 'false'`)
			seen := eval[[]int](p, `window.testYears`)
			if !slices.Contains(seen, first) || !slices.Contains(seen, first+1) {
				t.Errorf("years shown from the start: %v, want %d then %d", seen, first, first+1)
			}

			// From near the end: it plays to the last year and stops, the graph following.
			p.setYearWithSlider(last - 3)
			p.waitFor("the year set", fmt.Sprintf(`document.getElementById('year-input').value === '%d' && location.hash.includes('at=%d')`, last-3, last-3))
			p.do(chromedp.Evaluate[chromedp.Void](recordYearsJS), chromedp.Click(chromedp.CSS(`[data-testid="play"]`)))
			p.waitFor("the last year", fmt.Sprintf(`document.body.dataset.playing === 'false' && document.getElementById('year-input').value === '%d'`, last))
			seen = eval[[]int](p, `window.testYears`)
			if want := []int{last - 3, last - 2, last - 1, last}; !slices.Equal(seen, want) {
				t.Errorf("years shown: %v, want %v", seen, want)
			}
			if !p.hasElement("sfr-yugoslavia") || !eval[bool](p, fmt.Sprintf(`location.hash.includes('at=%d')`, last)) {
				t.Errorf("after playing, the view is not the last year's: %s", p.currentHash())
			}
			p.screenshot("play-" + lang)
		})
	}
}

// changesFromAPI asks the API what changed, as any client would.
func changesFromAPI(t *testing.T, base, entity, from, to string) map[string][]string {
	t.Helper()
	var r struct {
		ChangesBetween map[string][]struct{ ID string } `json:"changesBetween"`
	}
	graphQL(t, base, `query($e: ID, $f: PartialDate!, $t: PartialDate!) { changesBetween(from: $f, to: $t, entity: $e) { added { id } ended { id } held { id } } }`,
		map[string]any{"e": entity, "f": from, "t": to}, &r)
	out := map[string][]string{}
	for kind, rels := range r.ChangesBetween {
		for _, rel := range rels {
			out[kind] = append(out[kind], rel.ID)
		}
	}
	return out
}

func TestCompareShowsAddedEndedAndHeld(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			p := openPage(t, "/#entity=sfr-yugoslavia&lang="+lang)
			p.waitReady()
			p.waitFor("Yugoslavia's neighbourhood", drawnJS("soviet-union"))

			p.do(chromedp.Click(chromedp.CSS(`label[for="mode-compare"]`)))
			p.waitFor("the compare controls", `!document.getElementById('compare-controls').hidden`)
			p.do(
				chromedp.Evaluate[chromedp.Void](`document.getElementById('compare-from').value = '1948'; document.getElementById('compare-to').value = '1956'`),
				chromedp.Click(chromedp.CSS(`[data-testid="compare-go"]`)),
			)
			p.waitFor("the comparison", `location.hash.includes('compare=1948,1956') && document.querySelector('[data-testid="compare-result"] h2')?.textContent.includes('1956')`)

			want := changesFromAPI(t, p.base, "sfr-yugoslavia", "1948", "1956")
			if len(want["added"]) == 0 || len(want["ended"]) == 0 || len(want["held"]) == 0 {
				t.Fatalf("the seed should have relations added, ended and held between 1948 and 1956 around Yugoslavia: %v", want)
			}
			for _, kind := range []string{"added", "ended", "held"} {
				listed := eval[[]string](p, `[...document.querySelectorAll('[data-testid="compare-`+kind+`"] li')].map((li) => li.dataset.relation).sort()`)
				drawn := eval[[]string](p, cyJS+`.edges('.`+kind+`').map((e) => e.id()).sort()`)
				slices.Sort(want[kind])
				if !slices.Equal(listed, want[kind]) {
					t.Errorf("%s: listed %v, the API says %v", kind, listed, want[kind])
				}
				if !slices.Equal(drawn, want[kind]) {
					t.Errorf("%s: drawn in its colour %v, the API says %v", kind, drawn, want[kind])
				}
			}
			p.screenshot("compare-" + lang)
		})
	}
}

func TestTimelineRunsRightToLeftInArabic(t *testing.T) {
	for lang, rightToLeft := range map[string]bool{"en": false, "ar": true} {
		t.Run(lang, func(t *testing.T) {
			p := openPage(t, "/#entity=soviet-union&lang="+lang)
			p.waitReady()
			p.waitFor("the timeline", `document.querySelectorAll('[data-testid="timeline-axis"] .tick').length > 2`)
			// The x of each tick, in the order of their years.
			xs := eval[[]float64](p, `[...document.querySelectorAll('[data-testid="timeline-axis"] .tick')]
				.sort((a, b) => Number(a.dataset.year) - Number(b.dataset.year))
				.map((el) => el.getBoundingClientRect().left)`)
			for i := 1; i < len(xs); i++ {
				if later := xs[i] < xs[i-1]; later != rightToLeft {
					t.Fatalf("%s: ticks at x %v: later years should be to the %s", lang, xs, map[bool]string{false: "right", true: "left"}[rightToLeft])
				}
			}
		})
	}
}
