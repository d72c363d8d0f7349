package store

import "testing"

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
