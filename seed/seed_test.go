package seed

import (
	"strings"
	"testing"

	"kgraph/graph/store"
)

// sourceID is the article every fact of the seed comes from.
const sourceID = "ar-wiki-soviet-yugoslav-relations"

func load(t *testing.T) *store.Dataset {
	t.Helper()
	d, err := Dataset()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFacts checks that each fact the article states is in the graph, with
// its direction, its dates and a citation of the sentence that states it.
func TestFacts(t *testing.T) {
	stored := load(t).Lookup()
	tests := []struct {
		fact       string
		id         string
		typ        string
		from, to   string
		start, end string // "" for unknown
		paragraph  int
		sentence   int
	}{
		{"relations were openly hostile until 1940", "kingdom-hostile-to-ussr", "HOSTILE_TO", "kingdom-of-yugoslavia", "soviet-union", "", "1940", 1, 4},
		{"they deteriorated again in 1948", "sfry-relations-deteriorated-ussr-1948", "RELATIONS_DETERIORATED", "sfr-yugoslavia", "soviet-union", "1948", "1948", 1, 4},
		{"they were broken completely in 1949", "sfry-broke-relations-ussr-1949", "BROKE_RELATIONS", "sfr-yugoslavia", "soviet-union", "1949", "1949", 1, 4},
		{"they were restored in 1953-1955", "sfry-restored-relations-ussr", "RESTORED_RELATIONS", "sfr-yugoslavia", "soviet-union", "1953", "1955", 1, 5},
		{"the USSR signed the Belgrade Declaration", "ussr-signed-belgrade-declaration", "SIGNED", "soviet-union", "belgrade-declaration", "1955", "1955", 1, 5},
		{"Yugoslavia signed the Belgrade Declaration", "sfry-signed-belgrade-declaration", "SIGNED", "sfr-yugoslavia", "belgrade-declaration", "1955", "1955", 1, 5},
		{"relations stayed restricted until Yugoslavia collapsed", "sfry-restricted-relations-ussr", "RESTRICTED_RELATIONS", "sfr-yugoslavia", "soviet-union", "1955", "1991", 1, 5},
		{"relations with the USSR were Belgrade's top priority", "sfry-prioritized-ussr", "PRIORITIZED", "sfr-yugoslavia", "soviet-union", "", "", 1, 6},
		{"they helped develop the principle of equidistance", "sfry-developed-equidistance", "DEVELOPED", "sfr-yugoslavia", "equidistance", "", "", 1, 6},
		{"non-alignment was based on equidistance", "non-alignment-based-on-equidistance", "BASED_ON", "non-alignment", "equidistance", "", "", 1, 6},
		{"Yugoslavia pursued non-alignment", "sfry-pursued-non-alignment", "PURSUED", "sfr-yugoslavia", "non-alignment", "", "", 1, 6},
		{"the USSR dissolved in 1991", "ussr-ended-in-dissolution", "ENDED_IN", "soviet-union", "dissolution-of-the-soviet-union", "1991", "1991", 1, 2},
		{"Yugoslavia broke up in 1991-1992", "sfry-ended-in-breakup", "ENDED_IN", "sfr-yugoslavia", "breakup-of-yugoslavia", "1991", "1992", 1, 2},
		{"both were largely Slavic (Yugoslavia)", "sfry-shares-slavic-heritage", "SHARES_HERITAGE", "sfr-yugoslavia", "slavic-heritage", "", "", 2, 1},
		{"both were largely Slavic (USSR)", "ussr-shares-slavic-heritage", "SHARES_HERITAGE", "soviet-union", "slavic-heritage", "", "", 2, 1},
		{"shared Orthodox tradition (Yugoslavia)", "sfry-shares-orthodox-heritage", "SHARES_HERITAGE", "sfr-yugoslavia", "eastern-orthodoxy", "", "", 2, 1},
		{"shared Orthodox tradition (USSR)", "ussr-shares-orthodox-heritage", "SHARES_HERITAGE", "soviet-union", "eastern-orthodoxy", "", "", 2, 1},
		{"Russian Empire and Principality of Serbia before WWI", "russian-empire-ties-principality-of-serbia", "HISTORICAL_TIES", "russian-empire", "principality-of-serbia", "", "1882", 2, 1},
		{"Russian Empire and Principality of Montenegro before WWI", "russian-empire-ties-principality-of-montenegro", "HISTORICAL_TIES", "russian-empire", "principality-of-montenegro", "", "1910", 2, 1},
		{"tensions and strategic divisions (kingdom)", "kingdom-strategic-tensions-ussr", "STRATEGIC_TENSIONS", "kingdom-of-yugoslavia", "soviet-union", "", "1941", 2, 2},
		{"tensions and strategic divisions (SFRY)", "sfry-strategic-tensions-ussr", "STRATEGIC_TENSIONS", "sfr-yugoslavia", "soviet-union", "1945", "1991", 2, 2},
		{"the kingdom recognized the USSR in June 1940", "kingdom-recognized-ussr", "RECOGNIZED", "kingdom-of-yugoslavia", "soviet-union", "1940-06", "1940-06", 2, 3},
		{"and established diplomatic relations", "kingdom-established-relations-ussr", "ESTABLISHED_RELATIONS", "kingdom-of-yugoslavia", "soviet-union", "1940-06", "1940-06", 2, 3},
		{"trade was important and grew until 1985", "sfry-traded-with-ussr", "TRADED_WITH", "sfr-yugoslavia", "soviet-union", "1960", "1989", 3, 1},
		{"the USSR consumed Yugoslav books and films", "ussr-consumed-yugoslav-culture", "CONSUMED_CULTURE_OF", "soviet-union", "sfr-yugoslavia", "1960", "1989", 3, 2},
		{"Russia is the sole successor of the USSR", "russia-sole-successor-of-ussr", "SOLE_SUCCESSOR_OF", "russian-federation", "soviet-union", "1991-12", "1991-12", 4, 1},
		{"Slovenia shares the Yugoslav succession", "slovenia-co-successor-of-sfry", "CO_SUCCESSOR_OF", "slovenia", "sfr-yugoslavia", "1992", "1992", 4, 1},
		{"Croatia shares the Yugoslav succession", "croatia-co-successor-of-sfry", "CO_SUCCESSOR_OF", "croatia", "sfr-yugoslavia", "1992", "1992", 4, 1},
		{"Bosnia and Herzegovina shares the Yugoslav succession", "bosnia-and-herzegovina-co-successor-of-sfry", "CO_SUCCESSOR_OF", "bosnia-and-herzegovina", "sfr-yugoslavia", "1992", "1992", 4, 1},
		{"North Macedonia shares the Yugoslav succession", "north-macedonia-co-successor-of-sfry", "CO_SUCCESSOR_OF", "north-macedonia", "sfr-yugoslavia", "1992", "1992", 4, 1},
		{"FR Yugoslavia shares the Yugoslav succession", "fr-yugoslavia-co-successor-of-sfry", "CO_SUCCESSOR_OF", "fr-yugoslavia", "sfr-yugoslavia", "1992", "1992", 4, 1},
		{"Serbia acknowledges the bilateral documents since 1940", "serbia-acknowledges-bilateral-documents", "ACKNOWLEDGES_CONTINUITY_OF", "serbia", "bilateral-documents-since-1940", "", "", 4, 2},
		{"Russia acknowledges the bilateral documents since 1940", "russia-acknowledges-bilateral-documents", "ACKNOWLEDGES_CONTINUITY_OF", "russian-federation", "bilateral-documents-since-1940", "", "", 4, 2},
		{"Croatia recognizes the 1955 agreement", "croatia-recognizes-agreement-1955", "RECOGNIZES_AGREEMENT", "croatia", "agreement-1955-science-technology", "", "", 4, 3},
		{"Croatia recognizes the 1974 agreement", "croatia-recognizes-agreement-1974", "RECOGNIZES_AGREEMENT", "croatia", "agreement-1974-culture-science-education", "", "", 4, 3},
		{"Croatia recognizes the 1988 agreement", "croatia-recognizes-agreement-1988", "RECOGNIZES_AGREEMENT", "croatia", "agreement-1988-higher-education", "", "", 4, 3},
		{"the USSR signed the 1955 agreement", "ussr-signed-agreement-1955", "SIGNED", "soviet-union", "agreement-1955-science-technology", "1955", "1955", 4, 3},
		{"Yugoslavia signed the 1974 agreement", "sfry-signed-agreement-1974", "SIGNED", "sfr-yugoslavia", "agreement-1974-culture-science-education", "1974", "1974", 4, 3},
		{"the USSR signed the 1988 agreement", "ussr-signed-agreement-1988", "SIGNED", "soviet-union", "agreement-1988-higher-education", "1988", "1988", 4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			x, ok := stored(store.SectionRelations, tt.id)
			if !ok {
				t.Fatalf("no relation %s", tt.id)
			}
			r := x.(store.Relation)
			if r.Type != tt.typ || r.FromID != tt.from || r.ToID != tt.to {
				t.Fatalf("%s is %s %s -> %s, want %s %s -> %s", tt.id, r.Type, r.FromID, r.ToID, tt.typ, tt.from, tt.to)
			}
			if got := dateString(r.Start); got != tt.start {
				t.Errorf("start = %q, want %q", got, tt.start)
			}
			if got := dateString(r.End); got != tt.end {
				t.Errorf("end = %q, want %q", got, tt.end)
			}
			if !cites(r.Sources, tt.paragraph, tt.sentence) {
				t.Errorf("does not cite paragraph %d sentence %d: %+v", tt.paragraph, tt.sentence, r.Sources)
			}
		})
	}
}

// TestEntities checks the entities the article names, with the existence
// periods it gives.
func TestEntities(t *testing.T) {
	stored := load(t).Lookup()
	tests := []struct {
		id, kind, start, end string
	}{
		{"kingdom-of-yugoslavia", "state", "1918", "1941"},
		{"sfr-yugoslavia", "state", "1945", "1992"},
		{"soviet-union", "state", "1922-12-30", "1991-12-26"},
		{"russian-federation", "state", "1991-12-25", ""},
		{"serbia", "state", "2006-06-05", ""},
		{"croatia", "state", "1991-06-25", ""},
		{"slovenia", "state", "1991-06-25", ""},
		{"bosnia-and-herzegovina", "state", "1992-03-03", ""},
		{"north-macedonia", "state", "1991-09-08", ""},
		{"fr-yugoslavia", "state", "1992-04-27", "2006-06-03"},
		{"russian-empire", "state", "1721", "1917"},
		{"principality-of-serbia", "state", "1815", "1882"},
		{"principality-of-montenegro", "state", "1852", "1910"},
		{"belgrade-declaration", "declaration", "1955", ""},
		{"agreement-1955-science-technology", "agreement", "1955", ""},
		{"agreement-1974-culture-science-education", "agreement", "1974", ""},
		{"agreement-1988-higher-education", "agreement", "1988", ""},
		{"non-alignment", "policy", "", ""},
		{"slavic-heritage", "heritage", "", ""},
		{"eastern-orthodoxy", "heritage", "", ""},
	}
	for _, tt := range tests {
		x, ok := stored(store.SectionEntities, tt.id)
		if !ok {
			t.Errorf("no entity %s", tt.id)
			continue
		}
		if e := x.(store.Entity); e.Kind != tt.kind || dateString(e.Start) != tt.start || dateString(e.End) != tt.end {
			t.Errorf("%s = %s %s..%s, want %s %s..%s", tt.id, e.Kind, dateString(e.Start), dateString(e.End), tt.kind, tt.start, tt.end)
		}
	}
}

// TestEveryElementIsBilingualAndCited checks the dataset-wide rules: labels
// in English and Arabic on every entity, kind and type; a description in
// both; a citation on every entity and relation, and every date that the
// article does not state cited to the editors' reference.
func TestEveryElementIsBilingualAndCited(t *testing.T) {
	d := load(t)
	bilingual := func(what string, texts store.Texts) {
		for _, lang := range []string{"en", "ar"} {
			found := false
			for _, l := range texts {
				found = found || (l.Lang == lang && strings.TrimSpace(l.Text) != "")
			}
			if !found {
				t.Errorf("%s has no %q text", what, lang)
			}
		}
	}
	for _, e := range d.Entities {
		bilingual("entity "+e.ID+" labels", e.Labels)
		bilingual("entity "+e.ID+" descriptions", e.Descriptions)
		if !cites(e.Sources, -1, -1) {
			t.Errorf("entity %s does not cite the article", e.ID)
		}
	}
	for _, r := range d.Relations {
		bilingual("relation "+r.ID+" descriptions", r.Descriptions)
		if !cites(r.Sources, -1, -1) {
			t.Errorf("relation %s does not cite the article", r.ID)
		}
	}
	for _, k := range d.Vocabulary.EntityKinds {
		bilingual("kind "+k.ID, k.Labels)
	}
	for _, rt := range d.Vocabulary.RelationTypes {
		bilingual("type "+rt.ID+" labels", rt.Labels)
		bilingual("type "+rt.ID+" inverse labels", rt.InverseLabels)
	}
}

// TestCitationsPointIntoTheArticle checks every citation of the article
// against the article's shape, kept in article.json: the paragraph and the
// sentence cited must exist.
func TestCitationsPointIntoTheArticle(t *testing.T) {
	facts := loadArticleFacts(t)
	if facts.Source != sourceID {
		t.Fatalf("article.json describes %q, want %q", facts.Source, sourceID)
	}
	sentences := facts.SentencesPerParagraph
	d := load(t)
	check := func(what string, cs []store.Citation) {
		for _, c := range cs {
			if c.Source != sourceID {
				continue
			}
			if c.Paragraph < 1 || c.Paragraph > len(sentences) || c.Sentence < 1 || c.Sentence > sentences[c.Paragraph-1] {
				t.Errorf("%s cites paragraph %d sentence %d; the article has %v sentences per paragraph", what, c.Paragraph, c.Sentence, sentences)
			}
		}
	}
	for _, e := range d.Entities {
		check("entity "+e.ID, e.Sources)
	}
	for _, r := range d.Relations {
		check("relation "+r.ID, r.Sources)
	}
}

func dateString(d *store.PartialDate) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// cites reports whether cs cites the article at the paragraph and sentence
// (-1 matches any).
func cites(cs []store.Citation, paragraph, sentence int) bool {
	for _, c := range cs {
		if c.Source == sourceID && (paragraph < 0 || c.Paragraph == paragraph) && (sentence < 0 || c.Sentence == sentence) {
			return true
		}
	}
	return false
}
