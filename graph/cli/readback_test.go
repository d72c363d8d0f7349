package cli

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kgraph/graph/store"
)

// storedGraph is the whole graph as a restarted server serves it: each
// element's version and the fields of the dataset format the crash test
// writes (an entity's kind and labels, a relation's type and ends), keyed
// as the dataset format (and so the change log) writes them.
type storedGraph struct {
	entities  map[string]map[string]any
	relations map[string]map[string]any
	versions  map[string]int64
}

// readGraph reads the whole graph back from a server, page by page.
func readGraph(t *testing.T, base string) storedGraph {
	t.Helper()
	g := storedGraph{entities: map[string]map[string]any{}, relations: map[string]map[string]any{}, versions: map[string]int64{}}
	c := newClient(base, "")
	type page struct {
		PageInfo struct {
			HasNextPage bool
			EndCursor   string
		}
	}
	for after := any(nil); ; {
		var out struct {
			Entities struct {
				page
				Nodes []struct {
					ID, Kind string
					Version  int64
					Labels   []struct{ Lang, Text string }
				}
			}
		}
		c.must(t, `query($after: String) { entities(first: 500, after: $after) {
			nodes { id kind version labels { lang text } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &out)
		for _, e := range out.Entities.Nodes {
			labels := map[string]any{}
			for _, l := range e.Labels {
				labels[l.Lang] = l.Text
			}
			g.entities[e.ID], g.versions[e.ID] = map[string]any{"kind": e.Kind, "labels": labels}, e.Version
		}
		if !out.Entities.PageInfo.HasNextPage {
			break
		}
		after = out.Entities.PageInfo.EndCursor
	}
	for after := any(nil); ; {
		var out struct {
			Relations struct {
				page
				Nodes []struct {
					ID, Type, FromID, ToID string
					Version                int64
				}
			}
		}
		c.must(t, `query($after: String) { relations(first: 500, after: $after) {
			nodes { id type fromId toId version } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &out)
		for _, r := range out.Relations.Nodes {
			g.relations[r.ID], g.versions[r.ID] = map[string]any{"type": r.Type, "from": r.FromID, "to": r.ToID}, r.Version
		}
		if !out.Relations.PageInfo.HasNextPage {
			break
		}
		after = out.Relations.PageInfo.EndCursor
	}
	return g
}

// sameFields reports whether the element as a change left it (JSON in the
// dataset format) has the stored fields.
func sameFields(after string, stored map[string]any) bool {
	var element map[string]any
	if json.Unmarshal([]byte(after), &element) != nil {
		return false
	}
	for k, v := range stored {
		if !reflect.DeepEqual(element[k], v) {
			return false
		}
	}
	return true
}

// loggedChange is an entry of the change log as the API reports it.
type loggedChange struct {
	Seq          int64
	Action       string
	ElementCount int
	Elements     []struct {
		Section, ID   string
		Version       int64
		Before, After *string
	}
}

// readChangeLog reads the whole change log, oldest first, as an editor.
func readChangeLog(t *testing.T, base string) []loggedChange {
	t.Helper()
	c := newClient(base, editorKey)
	var log []loggedChange
	after := any(nil)
	for {
		var out struct {
			Changes struct {
				Nodes    []loggedChange
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		c.must(t, `query($after: String) { changes(first: 100, after: $after) {
			nodes { seq action elementCount elements(first: 500) { section id version before after } }
			pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &out)
		log = append(log, out.Changes.Nodes...)
		if !out.Changes.PageInfo.HasNextPage {
			return log
		}
		after = out.Changes.PageInfo.EndCursor
	}
}

// check reads the graph and the change log back from a restarted server
// and checks them against the ledger: every acknowledged write is there,
// a write in flight at the kill is there whole or not at all, and nothing
// is half-written. It then settles the writes that were in flight: those
// committed count as written from now on.
func (l *ledger) check(t *testing.T, base string) {
	t.Helper()
	g := readGraph(t, base)
	log := readChangeLog(t, base)
	l.mu.Lock()
	defer l.mu.Unlock()
	checkRelationEnds(t, g)
	checkChangeLog(t, g, log)

	logged := map[int64]loggedChange{}
	for _, c := range log {
		logged[c.Seq] = c
	}
	for seq, want := range l.seqs {
		c, ok := logged[seq]
		if !ok {
			t.Errorf("acknowledged change %d (%s at version %d) is not in the change log", seq, want.id, want.version)
			continue
		}
		found := false
		for _, e := range c.Elements {
			found = found || (e.ID == want.id && e.Version == want.version)
		}
		if !found {
			t.Errorf("change %d does not list %s at version %d, as its acknowledgment said: %+v", seq, want.id, want.version, c.Elements)
		}
	}

	for _, id := range slices.Sorted(maps.Keys(l.entities)) {
		rec := l.entities[id]
		stored, ok := g.entities[id]
		version := g.versions[id]
		switch {
		case !ok && rec.acked > 0:
			t.Errorf("entity %s, acknowledged at version %d, is lost", id, rec.acked)
			continue
		case !ok: // its creation was in flight and is not committed
			delete(l.entities, id)
			continue
		case version != rec.acked && (rec.inFlight == 0 || version != rec.inFlight):
			t.Errorf("entity %s is at version %d; acknowledged %d, in flight %d", id, version, rec.acked, rec.inFlight)
		}
		if got, want := stored["labels"].(map[string]any)["en"], crashLabel(id, version); got != want {
			t.Errorf("entity %s at version %d reads %q, want %q", id, version, got, want)
		}
		if rec.inFlight > 0 && version == rec.inFlight {
			l.committedUnacknowledged++
		}
		rec.acked, rec.inFlight = version, 0
	}
	for id, rec := range l.relations {
		stored, ok := g.relations[id]
		switch {
		case !ok && rec.acked:
			t.Errorf("relation %s, acknowledged, is lost", id)
		case !ok:
			delete(l.relations, id)
		case stored["from"] != rec.from || stored["to"] != rec.to:
			t.Errorf("relation %s goes from %v to %v, want from %s to %s", id, stored["from"], stored["to"], rec.from, rec.to)
		case !rec.acked:
			l.committedUnacknowledged++
			rec.acked = true
		}
	}
}

// checkRelationEnds checks that every relation goes between entities that
// exist.
func checkRelationEnds(t *testing.T, g storedGraph) {
	t.Helper()
	for id, r := range g.relations {
		for _, end := range []string{"from", "to"} {
			if _, ok := g.entities[r[end].(string)]; !ok {
				t.Errorf("relation %s: its %s end %v does not exist", id, end, r[end])
			}
		}
	}
}

// checkChangeLog checks that the change log is whole and agrees with the
// graph: seqs 1, 2, 3... in order; each element's versions one after the
// other, each change's before its previous change's after; and the last
// change of each entity and relation leaving it as it is stored, at the
// version it is stored at.
func checkChangeLog(t *testing.T, g storedGraph, log []loggedChange) {
	t.Helper()
	type last struct {
		version int64
		after   *string
	}
	latest := map[string]last{}
	for i, c := range log {
		if c.Seq != int64(i+1) {
			t.Fatalf("change log entry %d has seq %d: the seqs are not 1, 2, 3...", i+1, c.Seq)
		}
		if c.ElementCount < len(c.Elements) || (c.ElementCount <= 500 && c.ElementCount != len(c.Elements)) {
			t.Errorf("change %d counts %d elements and lists %d", c.Seq, c.ElementCount, len(c.Elements))
		}
		for _, e := range c.Elements {
			key := e.Section + "/" + e.ID
			prev, seen := latest[key]
			switch {
			case e.After == nil && e.Version != 0:
				t.Errorf("change %d deletes %s and gives it version %d, want 0", c.Seq, key, e.Version)
			case e.After != nil && seen && prev.after != nil && e.Version != prev.version+1:
				t.Errorf("change %d leaves %s at version %d, after version %d", c.Seq, key, e.Version, prev.version)
			case e.After != nil && (!seen || prev.after == nil) && e.Version != 1:
				t.Errorf("change %d creates %s at version %d, want 1", c.Seq, key, e.Version)
			case seen && !sameJSON(e.Before, prev.after):
				t.Errorf("change %d: %s before it is %v, but the change before left it %v", c.Seq, key, deref(e.Before), deref(prev.after))
			}
			latest[key] = last{version: e.Version, after: e.After}
		}
	}
	for key, l := range latest {
		var stored map[string]any
		var id string
		switch section, rest, _ := strings.Cut(key, "/"); section {
		case store.SectionEntities:
			id, stored = rest, g.entities[rest]
		case store.SectionRelations:
			id, stored = rest, g.relations[rest]
		default:
			continue // the vocabulary and the sources carry no version
		}
		switch {
		case l.after == nil && stored != nil:
			t.Errorf("%s is stored, but its last change deleted it", key)
		case l.after != nil && stored == nil:
			t.Errorf("%s is not stored, but its last change (version %d) left it %s", key, l.version, *l.after)
		case l.after != nil && g.versions[id] != l.version:
			t.Errorf("%s is stored at version %d, but its last change left it at version %d", key, g.versions[id], l.version)
		case l.after != nil && !sameFields(*l.after, stored):
			t.Errorf("%s is stored as %v, but its last change left it %s", key, stored, *l.after)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// sameJSON reports whether two JSON texts (nil for none) hold the same value.
func sameJSON(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	var x, y any
	return json.Unmarshal([]byte(*a), &x) == nil && json.Unmarshal([]byte(*b), &y) == nil && reflect.DeepEqual(x, y)
}
