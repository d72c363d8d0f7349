package store

import (
	"fmt"
	"strings"
	"testing"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ a, b string }{
		{"الاتحاد السوفيتي", "الاتحاد السوفييتي"},
		{"الإمبراطورية", "الامبراطوريه"},
		{"آسيا", "اسيا"},
		{"مستشفى", "مستشفي"},
		{"كـرواتـيا", "كرواتيا"},
		{"كُرْوَاتِيَا", "كرواتيا"},
		{"Türkiye", "turkiye"},
		{"ZAGREB", "zagreb"},
		{"١٩٥٥", "1955"},
		{"Serbia, Montenegro!", "serbia montenegro"},
		{"مؤتمر", "موتمر"},
		{"Југославија", "Jugoslavija"},
		{"Социјалистичка Федеративна Република", "Socijalistička Federativna Republika"},
		{"Ђорђе Шљивић", "Djordje Sljivic"},
		{"Đorđe Šljivić", "Djordje Šljivić"},
		{"Хрватска", "Hrvatska"},
		{"Словенија", "Slovenija"},
		{"Северна Македонија", "Severna Makedonija"},
		{"Ѓорѓе Ќосе Ѕвезда", "Gorge Kose Dzvezda"},
		{"Њемачка Љубљана Џамија", "Njemačka Ljubljana Džamija"},
		{"Югославия", "Jugoslavija"},
		{"Советский Союз", "СОВЕТСКИЙ СОЮЗ"},
		{"Объединённые", "Объединенные"},
	}
	for _, tt := range tests {
		if a, b := NormalizeText(tt.a), NormalizeText(tt.b); a != b {
			t.Errorf("NormalizeText(%q) = %q, NormalizeText(%q) = %q; want equal", tt.a, a, tt.b, b)
		}
	}
	if NormalizeText("Русија") != "rusija" {
		t.Errorf("Cyrillic is not written in Latin: %q", NormalizeText("Русија"))
	}
	if NormalizeText("1988") == NormalizeText("198") {
		t.Error("doubled digits are folded: 1988 = 198")
	}
}

func TestMatchScoreOrder(t *testing.T) {
	keys := func(texts ...string) []SearchKey {
		var out []SearchKey
		for _, s := range texts {
			out = append(out, SearchKey{Text: NormalizeText(s), Lang: "en", Primary: true})
		}
		return out
	}
	q := NormalizeText("soviet union")
	exact := MatchScore(keys("Soviet Union"), q, "")
	prefix := MatchScore(keys("Soviet Union of Republics"), q, "")
	inOrder := MatchScore(keys("the Soviet great Union"), q, "")
	anyOrder := MatchScore(keys("Union Soviet"), q, "")
	none := MatchScore(keys("Russian Federation"), q, "")
	if !(exact > prefix && prefix > inOrder && inOrder > anyOrder && anyOrder > 0 && none == 0) {
		t.Fatalf("scores exact %d > prefix %d > in order %d > any order %d > 0 = none %d does not hold", exact, prefix, inOrder, anyOrder, none)
	}
}

// TestMatchScoreRules pins each rule of the score, which both stores must
// compute alike: the kind of match, the preferred language, a label over
// an alias, the length penalty and its cap, and how query words claim the
// words of a name (each its own, the first unused one it starts).
func TestMatchScoreRules(t *testing.T) {
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("w%d", i))
	}
	tests := []struct {
		name, key, query, lang string
		alias                  bool
		want                   int
	}{
		{"whole name", "Soviet Union", "soviet union", "", false, 1000 + 20},
		{"in the preferred language", "Soviet Union", "soviet union", "en", false, 1000 + 50 + 20},
		{"an alias", "Soviet Union", "soviet union", "en", true, 1000 + 50},
		{"start of the name", "Soviet Union of Republics", "soviet union", "", false, 800 + 20 - 13},
		{"start of a long name", "Soviet Union of Socialist Republics", "soviet union", "", false, 800 + 20 - 19},
		{"word starts in order", "the Soviet great Union", "sov uni", "", false, 600 + 20 - 15},
		{"word starts out of order", "Union Soviet", "soviet union", "", false, 400 + 20},
		{"a word repeated in the query needs it twice", "grand land", "land land", "", false, 0},
		{"a word twice in the name", "big land land", "land land", "", false, 600 + 20 - 4},
		{"the first unused word a query word starts is its own", "ab a", "a ab", "", false, 0},
		{"one query word missing", "Soviet Union", "union x", "", false, 0},
		{"no word in common", "Russian Federation", "soviet", "", false, 0},
		{"a name of many words, in order", strings.Join(many, " ") + " target", "w1 target", "", false, 600 + 20 - 19},
		{"a name of many words, out of order", strings.Join(many, " ") + " target", "target w39", "", false, 400 + 20 - 19},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			keys := []SearchKey{{Text: NormalizeText(tc.key), Lang: "en", Primary: !tc.alias}}
			if got := MatchScore(keys, NormalizeText(tc.query), tc.lang); got != tc.want {
				t.Fatalf("MatchScore(%q, %q, %q) = %d, want %d", tc.key, tc.query, tc.lang, got, tc.want)
			}
		})
	}
}

// BenchmarkNormalizeText compares the scripts' cost: Cyrillic goes through
// the transliteration table, Latin and Arabic do not.
func BenchmarkNormalizeText(b *testing.B) {
	for _, tc := range []struct{ name, text string }{
		{"latin", "Socijalistička Federativna Republika Jugoslavija"},
		{"cyrillic", "Социјалистичка Федеративна Република Југославија"},
		{"arabic", "جمهورية يوغوسلافيا الاشتراكية الاتحادية"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NormalizeText(tc.text)
			}
		})
	}
}
