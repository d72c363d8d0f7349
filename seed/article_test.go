package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// articleEnv names the environment variable that points at a copy of the
// source article. The article is not part of the repository; where a copy
// is at hand, TestArticleFactsMatchTheArticle checks article.json against it.
const articleEnv = "KG_SOURCE_ARTICLE"

// articleFacts is what the tests know about the source article without
// holding its text: which source it is, a digest of the file, and how many
// sentences each paragraph has (paragraphs are lines, sentences end with a
// full stop), which is all a citation needs to be checked.
type articleFacts struct {
	Source                string `json:"source"`
	File                  string `json:"file"`
	SHA256                string `json:"sha256"`
	SentencesPerParagraph []int  `json:"sentencesPerParagraph"`
}

func loadArticleFacts(t *testing.T) articleFacts {
	t.Helper()
	raw, err := os.ReadFile("article.json")
	if err != nil {
		t.Fatal(err)
	}
	var f articleFacts
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("article.json: %v", err)
	}
	if len(f.SentencesPerParagraph) == 0 || len(f.SHA256) != 64 {
		t.Fatalf("article.json is incomplete: %+v", f)
	}
	return f
}

// shapeOf counts the sentences of each paragraph of the article's text.
func shapeOf(text string) []int {
	var sentences []int
	for _, p := range strings.Split(strings.TrimSpace(text), "\n") {
		n := 0
		for _, s := range strings.Split(p, ".") {
			if strings.TrimSpace(s) != "" {
				n++
			}
		}
		sentences = append(sentences, n)
	}
	return sentences
}

func TestShapeOf(t *testing.T) {
	got := shapeOf("One. Two. Three.\nFour.\n\n")
	if want := []int{3, 1}; !reflect.DeepEqual(got, want) {
		t.Fatalf("shapeOf = %v, want %v", got, want)
	}
}

// TestArticleFactsMatchTheArticle checks article.json against the article
// itself when KG_SOURCE_ARTICLE points at it. Without it there is nothing
// to compare with; the test says so and passes, and scripts/test.sh prints
// whether the check ran.
func TestArticleFactsMatchTheArticle(t *testing.T) {
	facts := loadArticleFacts(t)
	path := os.Getenv(articleEnv)
	if path == "" {
		t.Logf("%s is not set: article.json was not compared with the article", articleEnv)
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s=%s: %v", articleEnv, path, err)
	}
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != facts.SHA256 {
		t.Errorf("the article's SHA-256 is %s, article.json says %s", got, facts.SHA256)
	}
	if got := shapeOf(string(raw)); !reflect.DeepEqual(got, facts.SentencesPerParagraph) {
		t.Errorf("the article has %v sentences per paragraph, article.json says %v", got, facts.SentencesPerParagraph)
	}
}
