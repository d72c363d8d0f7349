package store

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestREADMEStatesTheRules checks that the limits, defaults and text
// lengths the README documents are the ones defined here.
func TestREADMEStatesTheRules(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(raw)), " ") // line breaks fall anywhere
	for _, want := range []string{
		fmt.Sprintf("pages of 1–%d items (default %d)", MaxPageSize, DefaultPageSize),
		fmt.Sprintf("search 1–%d hits (default %d) for at most %d characters", MaxSearchSize, DefaultSearchSize, MaxSearchTextLength),
		fmt.Sprintf("neighbourhoods 1–%d hops (default %d) and at most %d entities (default %d;",
			MaxNeighborhoodDepth, DefaultNeighborhoodDepth, MaxNeighborhoodLimit, DefaultNeighborhoodLimit),
		fmt.Sprintf("paths of at most %d hops (default %d), at most %d types per filter", MaxPathDepth, DefaultPathDepth, MaxTypesPerQuery),
		fmt.Sprintf("(1 to %d, default %d)", MaxNeighborhoodDepth, DefaultNeighborhoodDepth),
		fmt.Sprintf("Labels must have an English (`%q`) text", DefaultLang),
		fmt.Sprintf("labels are at most %d characters, descriptions %s.", MaxLabelLength, thousands(MaxDescriptionLength)),
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}

// thousands writes n as the README does: 4,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
