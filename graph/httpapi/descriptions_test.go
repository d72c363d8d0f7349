package httpapi_test

import "testing"

// TestEntityDescriptionsListEveryLanguage: Entity.descriptions gives the
// description in each language it has, with no fallback, so that an
// editor can send an entity back whole without losing any.
func TestEntityDescriptionsListEveryLanguage(t *testing.T) {
	srv := newServer(t)
	var out struct {
		Entity struct {
			Descriptions []struct{ Lang, Text string }
		}
	}
	data(t, srv, `{ entity(id: "croatia") { descriptions { lang text } } }`, nil, &out)
	langs := map[string]string{}
	for _, d := range out.Entity.Descriptions {
		langs[d.Lang] = d.Text
	}
	if len(langs) != 2 || langs["en"] != "A successor state of socialist Yugoslavia on the Adriatic coast." || langs["ar"] == "" {
		t.Errorf("croatia's descriptions = %v, want the English and the Arabic ones of the seed", out.Entity.Descriptions)
	}
}
