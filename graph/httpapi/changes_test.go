package httpapi_test

import (
	"reflect"
	"slices"
	"testing"
)

func TestWhatChangedAroundTheUSSRBetween1948And1955(t *testing.T) {
	srv := newServer(t)
	type rel struct {
		ID     string `json:"id"`
		FromID string `json:"fromId"`
		ToID   string `json:"toId"`
	}
	var got struct {
		ChangesBetween struct {
			From  string `json:"from"`
			To    string `json:"to"`
			Added []rel  `json:"added"`
			Ended []rel  `json:"ended"`
			Held  []rel  `json:"held"`
		} `json:"changesBetween"`
	}
	data(t, srv, `query ($from: PartialDate!, $to: PartialDate!) {
  changesBetween(from: $from, to: $to, entity: "soviet-union", types: ["RELATIONS_DETERIORATED", "BROKE_RELATIONS", "RESTORED_RELATIONS", "STRATEGIC_TENSIONS"]) {
    from to added { id fromId toId } ended { id fromId toId } held { id fromId toId }
  }
}`, map[string]any{"from": "1948", "to": "1955"}, &got)
	c := got.ChangesBetween
	if c.From != "1948" || c.To != "1955" {
		t.Fatalf("moments %q, %q", c.From, c.To)
	}
	ids := func(rs []rel) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, list := range []struct {
		name      string
		got, want []string
	}{
		{"added", ids(c.Added), []string{"sfry-restored-relations-ussr"}},
		{"ended", ids(c.Ended), []string{"sfry-relations-deteriorated-ussr-1948"}},
		{"held", ids(c.Held), []string{"sfry-strategic-tensions-ussr"}},
	} {
		if !reflect.DeepEqual(list.got, list.want) {
			t.Errorf("%s = %v, want %v", list.name, list.got, list.want)
		}
	}
}

func TestLanguagesOfTheData(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Languages []string `json:"languages"`
	}
	data(t, srv, `{ languages }`, nil, &got)
	want := []string{"ar", "bs", "en", "hr", "mk", "ru", "sl", "sr-Cyrl", "sr-Latn"}
	if !slices.Equal(got.Languages, want) {
		t.Errorf("languages = %v, want %v", got.Languages, want)
	}
}

func TestNamesInSerbianBothScripts(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Cyrillic []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"cyrillic"`
		Latin []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"latin"`
	}
	data(t, srv, `{
  cyrillic: search(text: "Совјетски Савез", lang: "sr-Cyrl") { id name(lang: "sr-Cyrl") }
  latin: search(text: "Sovjetski Savez", lang: "sr-Latn") { id name(lang: "sr-Latn") }
}`, nil, &got)
	if len(got.Cyrillic) == 0 || len(got.Latin) == 0 {
		t.Fatalf("no hits: %+v", got)
	}
	if got.Cyrillic[0].ID != "soviet-union" || got.Cyrillic[0].Name != "Совјетски Савез" {
		t.Errorf("Cyrillic search: %+v", got.Cyrillic[0])
	}
	if got.Latin[0].ID != "soviet-union" || got.Latin[0].Name != "Sovjetski Savez" {
		t.Errorf("Latin search: %+v", got.Latin[0])
	}
}

func TestChangesBetweenComplexity(t *testing.T) {
	srv := newServer(t)
	explorer := `{ changesBetween(from: "1948", to: "1955", entity: "soviet-union", depth: 2) {
  added { id type fromId toId start end label from { id name } to { id name } }
  ended { id type fromId toId start end label from { id name } to { id name } }
  held { id type fromId toId start end label from { id name } to { id name } } } }`
	if r := query(t, srv, explorer, nil); len(r.Errors) > 0 {
		t.Fatalf("the explorer's comparison is refused: %+v", r.Errors)
	}
	fanOut := `{ changesBetween(from: "1948", to: "1955") { held { from { neighbors { neighbors { id } } } } } }`
	r := query(t, srv, fanOut, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("neighbors of neighbors of every held relation: %+v", r.Errors)
	}
}
