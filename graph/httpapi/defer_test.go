package httpapi_test

import (
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// deferredQuery asks for Croatia at once and for its neighbourhood, a path
// and a timeline in deferred fragments.
const deferredQuery = `query Deferred {
  entity(id: "croatia") {
    id name
    ...Surroundings @defer(label: "graph")
  }
}
fragment Surroundings on Entity {
  neighborhood { entities { id } relations { id } }
  pathTo(to: "russian-federation") { length }
  timeline { id }
}`

// part is one part of an incremental answer.
type part struct {
	Data        map[string]json.RawMessage `json:"data"`
	HasNext     bool                       `json:"hasNext"`
	Incremental []struct {
		Label string                     `json:"label"`
		Data  map[string]json.RawMessage `json:"data"`
	} `json:"incremental"`
	Errors []gqlError `json:"errors"`
}

// TestDeferDeliversTheEntityFirst checks that over multipart/mixed the
// entity arrives in the first part and the neighbourhood, path and
// timeline in a later one, and that the answer is not cached.
func TestDeferDeliversTheEntityFirst(t *testing.T) {
	srv := newServer(t)
	body, _ := json.Marshal(map[string]any{"query": deferredQuery})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "multipart/mixed; deferSpec=20220824, application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	mediaType, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/mixed" {
		t.Fatalf("Content-Type %q, want multipart/mixed", resp.Header.Get("Content-Type"))
	}
	if resp.Header.Get("ETag") != "" || strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("an incremental answer is cacheable: ETag %q, Cache-Control %q", resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
	}
	var parts []part
	r := multipart.NewReader(resp.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var got part
		if err := json.NewDecoder(p).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if len(got.Errors) > 0 {
			t.Fatalf("errors: %+v", got.Errors)
		}
		parts = append(parts, got)
	}
	if len(parts) < 2 {
		t.Fatalf("%d parts, want the entity first and the graph after", len(parts))
	}
	first := parts[0]
	if !first.HasNext || !strings.Contains(string(first.Data["entity"]), `"name":"Croatia"`) {
		t.Fatalf("first part: %+v", first)
	}
	if strings.Contains(string(first.Data["entity"]), "sfr-yugoslavia") {
		t.Fatalf("the first part already holds the neighbourhood: %s", first.Data["entity"])
	}
	later := map[string]string{}
	for _, p := range parts[1:] {
		for _, inc := range p.Incremental {
			if inc.Label != "graph" {
				t.Errorf("part labelled %q, want graph", inc.Label)
			}
			for k, v := range inc.Data {
				later[k] = string(v)
			}
		}
	}
	if parts[len(parts)-1].HasNext {
		t.Fatal("the last part says more follows")
	}
	for field, want := range map[string]string{"neighborhood": `"id":"sfr-yugoslavia"`, "pathTo": `"length":3`, "timeline": `"id":`} {
		if !strings.Contains(later[field], want) {
			t.Errorf("deferred %s = %s, want it to contain %s", field, later[field], want)
		}
	}
}

// TestDeferWithoutStreamingAnswersWhole checks a client that cannot read
// parts gets the deferred fields inline, over POST and over a cacheable GET.
func TestDeferWithoutStreamingAnswersWhole(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Entity struct {
			Name         string `json:"name"`
			Neighborhood *struct {
				Entities []struct {
					ID string `json:"id"`
				} `json:"entities"`
			} `json:"neighborhood"`
			PathTo *struct {
				Length int `json:"length"`
			} `json:"pathTo"`
		} `json:"entity"`
	}
	data(t, srv, deferredQuery, nil, &got)
	if e := got.Entity; e.Name != "Croatia" || e.Neighborhood == nil || len(e.Neighborhood.Entities) < 2 || e.PathTo == nil || e.PathTo.Length != 3 {
		t.Fatalf("POST without multipart: %+v", got)
	}
	c := &revalidatingClient{t: t, entries: map[string]cachedAnswer{}}
	status, h, body := c.get(getURL(srv, deferredQuery, ""))
	if status != 200 || h.Get("ETag") == "" || !strings.Contains(body, `"pathTo":{"length":3}`) || strings.Contains(body, "hasNext") {
		t.Fatalf("GET: %d ETag %q: %s", status, h.Get("ETag"), body)
	}
}
