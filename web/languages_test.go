package web_test

// The language switch offers every language of the data; in each, the
// drawing names every entity in that language where it has a name in it,
// and in English where it does not.

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// graphQL runs a query against the test server and decodes its data.
func graphQL(t *testing.T, base, query string, variables map[string]any, data any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("%s: %v %v", query, err, r.Errors)
	}
	if err := json.Unmarshal(r.Data, data); err != nil {
		t.Fatal(err)
	}
}

func TestLanguageSwitchOffersTheDataLanguages(t *testing.T) {
	p := openPage(t, "/#entity=sfr-yugoslavia&depth=2")
	p.waitReady()
	p.waitFor("the neighbourhood", drawnJS("soviet-union"))

	var langs struct{ Languages []string }
	graphQL(t, p.base, `{ languages }`, nil, &langs)
	offered := eval[[]string](p, `[...document.getElementById('lang').options].map((o) => o.value)`)
	for _, want := range []string{"ru", "sr-Cyrl", "sr-Latn", "hr", "sl", "mk", "bs"} {
		if !slices.Contains(langs.Languages, want) {
			t.Errorf("the data's languages %v lack %s", langs.Languages, want)
		}
	}
	for _, lang := range langs.Languages {
		if !slices.Contains(offered, lang) {
			t.Errorf("the switch offers %v, without the data's %s", offered, lang)
		}
	}

	for _, lang := range []string{"ru", "sr-Latn", "mk"} {
		p.setLanguage(lang)
		p.waitFor("the drawing in "+lang, `location.hash.includes('lang=`+lang+`') && document.documentElement.lang === `+js(lang))
		drawn := eval[map[string]string](p, `Object.fromEntries(`+cyJS+`.nodes().map((n) => [n.id(), n.data('label')]))`)
		fallbacks := 0
		for id, label := range drawn {
			var e struct {
				Entity struct {
					Labels []struct{ Lang, Text string }
				}
			}
			graphQL(t, p.base, `query($id: ID!) { entity(id: $id) { labels { lang text } } }`, map[string]any{"id": id}, &e)
			byLang := map[string]string{}
			for _, l := range e.Entity.Labels {
				byLang[l.Lang] = l.Text
			}
			want, ok := byLang[lang]
			if !ok {
				want = byLang["en"]
				fallbacks++
			}
			if label != want {
				t.Errorf("%s: %s is drawn as %q, want %q", lang, id, label, want)
			}
		}
		t.Logf("%s: %d entities drawn, %d of them in English for want of a name in %s", lang, len(drawn), fallbacks, lang)
		p.screenshot("language-" + lang)
	}
}
