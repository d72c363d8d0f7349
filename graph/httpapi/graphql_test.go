package httpapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// newServer starts the real handler over a seeded embedded store.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newSeededServer(t)
}

// newBenchServer is newServer for benchmarks.
func newBenchServer(b *testing.B) *httptest.Server {
	b.Helper()
	return newSeededServer(b)
}

func newSeededServer(t testing.TB) *httptest.Server {
	t.Helper()
	s := seededStore(t)
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	return srv
}

// seededStore is an embedded store in a temporary file, holding the seed.
func seededStore(t testing.TB) store.Store {
	t.Helper()
	return memstoretest.Seeded(t)
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// query POSTs a GraphQL query and decodes the response.
func query(t *testing.T, srv *httptest.Server, q string, vars map[string]any) gqlResponse {
	t.Helper()
	return queryOperation(t, srv, knownQuery{query: q, vars: vars})
}

// data runs a query that must succeed and decodes its data into v.
func data(t *testing.T, srv *httptest.Server, q string, vars map[string]any, v any) {
	t.Helper()
	r := query(t, srv, q, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("query failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatal(err)
	}
}

func TestWhoSucceededTheSovietUnion(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Entity struct {
			Neighbors []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"neighbors"`
		} `json:"entity"`
	}
	data(t, srv, `{ entity(id: "soviet-union") { neighbors(direction: IN, types: ["SOLE_SUCCESSOR_OF", "CO_SUCCESSOR_OF"]) { id name } } }`, nil, &got)
	if len(got.Entity.Neighbors) != 1 || got.Entity.Neighbors[0].ID != "russian-federation" || got.Entity.Neighbors[0].Name != "Russian Federation" {
		t.Fatalf("successors of the USSR: %+v", got.Entity.Neighbors)
	}
}

func TestWhichAgreementsCroatiaRecognizes(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Entity struct {
			Relations struct {
				TotalCount int `json:"totalCount"`
				Nodes      []struct {
					To struct {
						ID    string `json:"id"`
						Start string `json:"start"`
						Kind  string `json:"kind"`
					} `json:"to"`
					Sources []struct {
						Document struct {
							Language string `json:"language"`
						} `json:"document"`
						Paragraph int `json:"paragraph"`
						Sentence  int `json:"sentence"`
					} `json:"sources"`
				} `json:"nodes"`
			} `json:"relations"`
		} `json:"entity"`
	}
	data(t, srv, `{ entity(id: "croatia") { relations(direction: OUT, types: ["RECOGNIZES_AGREEMENT"]) {
		totalCount nodes { to { id start kind } sources { document { language } paragraph sentence } } } } }`, nil, &got)
	rels := got.Entity.Relations
	var years []string
	for _, n := range rels.Nodes {
		years = append(years, n.To.Start)
		if n.To.Kind != "agreement" || len(n.Sources) == 0 || n.Sources[0].Paragraph != 4 || n.Sources[0].Sentence != 3 || n.Sources[0].Document.Language != "ar" {
			t.Errorf("agreement %+v", n)
		}
	}
	if rels.TotalCount != 3 || !reflect.DeepEqual(years, []string{"1955", "1974", "1988"}) {
		t.Fatalf("Croatia recognizes %d agreements from %v, want the 1955, 1974 and 1988 ones", rels.TotalCount, years)
	}
}

func TestShortestPathFromCroatiaToRussia(t *testing.T) {
	srv := newServer(t)
	var got struct {
		ShortestPath struct {
			Length   int `json:"length"`
			Entities []struct {
				ID string `json:"id"`
			} `json:"entities"`
			Relations []struct {
				Type string `json:"type"`
			} `json:"relations"`
		} `json:"shortestPath"`
	}
	data(t, srv, `{ shortestPath(from: "croatia", to: "russian-federation") { length entities { id } relations { type } } }`, nil, &got)
	p := got.ShortestPath
	var ids, types []string
	for _, e := range p.Entities {
		ids = append(ids, e.ID)
	}
	for _, r := range p.Relations {
		types = append(types, r.Type)
	}
	if p.Length != 3 || !reflect.DeepEqual(ids, []string{"croatia", "sfr-yugoslavia", "soviet-union", "russian-federation"}) ||
		!reflect.DeepEqual(types, []string{"CO_SUCCESSOR_OF", "BROKE_RELATIONS", "SOLE_SUCCESSOR_OF"}) {
		t.Fatalf("path = %d %v %v", p.Length, ids, types)
	}
	var none struct {
		ShortestPath *struct{} `json:"shortestPath"`
	}
	data(t, srv, `{ shortestPath(from: "croatia", to: "russian-federation", maxDepth: 2) { length } }`, nil, &none)
	if none.ShortestPath != nil {
		t.Fatal("a path within 2 hops, where the shortest has 3")
	}
}

func TestWhatWasInForceIn1955(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Relations struct {
			TotalCount int `json:"totalCount"`
			Nodes      []struct {
				ID string `json:"id"`
			} `json:"nodes"`
		} `json:"relations"`
	}
	data(t, srv, `query($at: PartialDate) { relations(at: $at, first: 500) { totalCount nodes { id } } }`, map[string]any{"at": "1955"}, &got)
	var ids []string
	for _, n := range got.Relations.Nodes {
		ids = append(ids, n.ID)
	}
	joined := " " + strings.Join(ids, " ") + " "
	for _, want := range []string{"sfry-restored-relations-ussr", "ussr-signed-belgrade-declaration", "sfry-signed-agreement-1955"} {
		if !strings.Contains(joined, " "+want+" ") {
			t.Errorf("in force in 1955: missing %s", want)
		}
	}
	if strings.Contains(joined, " sfry-broke-relations-ussr-1949 ") {
		t.Error("the 1949 break is reported in force in 1955")
	}
	if got.Relations.TotalCount != len(ids) {
		t.Errorf("totalCount %d for %d nodes", got.Relations.TotalCount, len(ids))
	}
}

func TestWhenAndByWhomTheUSSRWasRecognized(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Relations struct {
			Nodes []struct {
				Start string `json:"start"`
				From  struct {
					Name   string `json:"name"`
					NameAr string `json:"nameAr"`
				} `json:"from"`
				Description string `json:"description"`
			} `json:"nodes"`
		} `json:"relations"`
	}
	data(t, srv, `{ relations(to: "soviet-union", types: ["RECOGNIZED"]) { nodes { start from { name nameAr: name(lang: "ar") } description } } }`, nil, &got)
	n := got.Relations.Nodes
	if len(n) != 1 || n[0].Start != "1940-06" || n[0].From.Name != "Kingdom of Yugoslavia" || n[0].From.NameAr != "مملكة يوغوسلافيا" || n[0].Description == "" {
		t.Fatalf("recognitions of the USSR: %+v", n)
	}
}

func TestSearchInArabic(t *testing.T) {
	srv := newServer(t)
	for _, text := range []string{"الاتحاد السوفيتي", "الاتحاد السوفييتي", "كرواتيا"} {
		var got struct {
			Search []struct {
				ID string `json:"id"`
			} `json:"search"`
		}
		data(t, srv, `query($t: String!) { search(text: $t, lang: "ar", first: 3) { id } }`, map[string]any{"t": text}, &got)
		want := map[string]string{"كرواتيا": "croatia"}[text]
		if want == "" {
			want = "soviet-union"
		}
		if len(got.Search) == 0 || got.Search[0].ID != want {
			t.Errorf("search %q = %+v, want %s first", text, got.Search, want)
		}
	}
}

func TestNeighborhoodForADrawing(t *testing.T) {
	srv := newServer(t)
	var got struct {
		Neighborhood struct {
			Entities []struct {
				ID string `json:"id"`
			} `json:"entities"`
			Relations []struct {
				FromID string `json:"fromId"`
				ToID   string `json:"toId"`
				Type   string `json:"type"`
			} `json:"relations"`
			Truncated bool `json:"truncated"`
		} `json:"neighborhood"`
	}
	data(t, srv, `{ neighborhood(id: "soviet-union", depth: 1, at: "1949") { entities { id } relations { fromId toId type } truncated } }`, nil, &got)
	found := false
	for _, r := range got.Neighborhood.Relations {
		found = found || (r.Type == "BROKE_RELATIONS" && r.FromID == "sfr-yugoslavia" && r.ToID == "soviet-union")
		if r.Type == "RESTORED_RELATIONS" {
			t.Error("the 1953-1955 restoration is drawn in 1949")
		}
	}
	if !found || got.Neighborhood.Truncated {
		t.Fatalf("1949 neighborhood of the USSR: %+v", got.Neighborhood)
	}
}

func TestPagination(t *testing.T) {
	srv := newServer(t)
	type page struct {
		Entities struct {
			TotalCount int    `json:"totalCount"`
			Edges      []edge `json:"edges"`
			PageInfo   struct {
				HasNextPage bool    `json:"hasNextPage"`
				EndCursor   *string `json:"endCursor"`
			} `json:"pageInfo"`
		} `json:"entities"`
	}
	var ids []string
	var after *string
	total := -1
	for i := 0; i < 20; i++ {
		var p page
		data(t, srv, `query($after: String) { entities(first: 5, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, &p)
		total = p.Entities.TotalCount
		for _, e := range p.Entities.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !p.Entities.PageInfo.HasNextPage {
			break
		}
		after = p.Entities.PageInfo.EndCursor
	}
	if len(ids) != total || total < 20 {
		t.Fatalf("paged %d ids of %d", len(ids), total)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("%s on two pages", id)
		}
		seen[id] = true
	}
}

// TestBadInput checks that every kind of bad input is a GraphQL error with
// a code, and never a panic or an empty success.
func TestBadInput(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, query, code, mention string
	}{
		{"malformed date", `{ relations(at: "1955-13") { totalCount } }`, "INVALID", "month"},
		{"not a date", `{ relations(at: "yesterday") { totalCount } }`, "INVALID", "YYYY"},
		{"date of the wrong type", `{ relations(at: 1955) { totalCount } }`, "INVALID", "PartialDate"},
		{"unknown relation type", `{ relations(types: ["INVADED"]) { totalCount } }`, "INVALID", "SIGNED"},
		{"unknown kind", `{ entities(kind: "planet") { totalCount } }`, "INVALID", "state"},
		{"unknown from", `{ relations(from: "atlantis") { totalCount } }`, "NOT_FOUND", "atlantis"},
		{"unknown neighborhood root", `{ neighborhood(id: "atlantis") { truncated } }`, "NOT_FOUND", "atlantis"},
		{"unknown path end", `{ shortestPath(from: "croatia", to: "atlantis") { length } }`, "NOT_FOUND", "atlantis"},
		{"unknown timeline entity", `{ timeline(entity: "atlantis") { id } }`, "NOT_FOUND", "atlantis"},
		{"depth over the limit", `{ neighborhood(id: "croatia", depth: 5) { truncated } }`, "INVALID", "depth"},
		{"limit over the limit", `{ neighborhood(id: "croatia", limit: 1001) { truncated } }`, "INVALID", "limit"},
		{"page over the limit", `{ entities(first: 501) { totalCount } }`, "INVALID", "first"},
		{"page of zero", `{ entities(first: 0) { totalCount } }`, "INVALID", "first"},
		{"nested page over the limit", `{ entity(id: "croatia") { relations(first: 501) { totalCount } } }`, "INVALID", "first"},
		{"search size over the limit", `{ search(text: "a", first: 101) { id } }`, "INVALID", "first"},
		{"empty search", `{ search(text: "  ") { id } }`, "INVALID", "letter"},
		{"path too long", `{ shortestPath(from: "croatia", to: "serbia", maxDepth: 11) { length } }`, "INVALID", "maxDepth"},
		{"bad cursor", `{ entities(after: "garbage") { totalCount } }`, "INVALID", "cursor"},
		{"inverted timeline", `{ timeline(from: "1960", to: "1950") { id } }`, "INVALID", "after"},
		{"inverted comparison", `{ changesBetween(from: "1960", to: "1950") { held { id } } }`, "INVALID", "after"},
		{"comparison without to", `{ changesBetween(from: "1950") { held { id } } }`, "GRAPHQL_VALIDATION_FAILED", "to"},
		{"comparison depth over the limit", `{ changesBetween(from: "1950", to: "1960", entity: "croatia", depth: 5) { held { id } } }`, "INVALID", "depth"},
		{"comparison depth null", `{ changesBetween(from: "1950", to: "1960", entity: "croatia", depth: null) { held { id } } }`, "INVALID", "depth"},
		{"unknown comparison entity", `{ changesBetween(from: "1950", to: "1960", entity: "atlantis") { held { id } } }`, "NOT_FOUND", "atlantis"},
		{"unknown comparison type", `{ changesBetween(from: "1950", to: "1960", types: ["INVADED"]) { held { id } } }`, "INVALID", "SIGNED"},
		{"unknown direction", `{ entity(id: "croatia") { relations(direction: SIDEWAYS) { totalCount } } }`, "GRAPHQL_VALIDATION_FAILED", "SIDEWAYS"},
		{"unknown field", `{ entity(id: "croatia") { population } }`, "GRAPHQL_VALIDATION_FAILED", "population"},
		{"syntax error", `{ entity(id: "croatia" { id } }`, "GRAPHQL_PARSE_FAILED", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, srv, tt.query, nil)
			if len(r.Errors) == 0 {
				t.Fatalf("no error; data %s", r.Data)
			}
			e := r.Errors[0]
			if e.Extensions["code"] != tt.code {
				t.Fatalf("code = %v, want %s (%s)", e.Extensions["code"], tt.code, e.Message)
			}
			if !strings.Contains(e.Message, tt.mention) {
				t.Fatalf("message %q does not mention %q", e.Message, tt.mention)
			}
		})
	}
}

func TestGETQueries(t *testing.T) {
	srv := newServer(t)
	resp, err := http.Get(srv.URL + "/graphql?query=" + url.QueryEscape(`{ entity(id: "serbia") { name(lang: "ar") } }`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Data struct {
			Entity struct {
				Name string `json:"name"`
			} `json:"entity"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got.Data.Entity.Name != "صربيا" {
		t.Fatalf("GET query: %v %+v", err, got)
	}
}

func TestOversizedRequestIsRefused(t *testing.T) {
	srv := newServer(t)
	big := `{"query":"{ vocabulary { entityKinds { id } } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
	resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 400 || !strings.Contains(string(body), "errors") {
		t.Fatalf("2 MiB request: status %d, body %.200s", resp.StatusCode, body)
	}
}

func TestEntityIsNullWhenUnknown(t *testing.T) {
	srv := newServer(t)
	r := query(t, srv, `{ entity(id: "atlantis") { id } }`, nil)
	if len(r.Errors) != 0 || string(r.Data) != `{"entity":null}` {
		t.Fatalf("unknown entity: data %s errors %+v", r.Data, r.Errors)
	}
}

func TestOversizedChunkedRequestIsRefused(t *testing.T) {
	srv := newServer(t)
	big := `{"query":"{ vocabulary { entityKinds { id } } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
	// A reader of unknown length makes the client send the body chunked,
	// so the server cannot refuse it from its Content-Length.
	resp, err := http.Post(srv.URL+"/graphql", "application/json", io.MultiReader(strings.NewReader(big)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "REQUEST_TOO_LARGE" {
		t.Fatalf("chunked 2 MiB request: %v %+v", err, r.Errors)
	}
}

// TestQueryComplexityIsBounded checks that a query nesting lists inside
// lists, which would fan out exponentially, is refused before it runs,
// while the README's and the playground's queries pass.
func TestQueryComplexityIsBounded(t *testing.T) {
	srv := newServer(t)
	nested := `{ entity(id: "croatia") { neighbors { neighbors { neighbors { neighbors { id } } } } } }`
	r := query(t, srv, nested, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("four levels of neighbors: %+v", r.Errors)
	}
	for _, q := range []string{
		`{ entity(id: "croatia") { neighbors { neighbors { id name } } } }`,
		`{ relations(first: 500) { totalCount nodes { id type from { id name } to { id name } start end sources { document { title } paragraph sentence } } } }`,
		`{ neighborhood(id: "soviet-union", depth: 2, limit: 1000) { entities { id name kind start end labels { lang text } } relations { id type fromId toId start end label description sources { document { title } paragraph sentence } } truncated } }`,
	} {
		if r := query(t, srv, q, nil); len(r.Errors) > 0 {
			t.Errorf("refused: %s: %+v", q, r.Errors)
		}
	}
}
