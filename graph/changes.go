package graph

import (
	"encoding/json"
	"strconv"

	"kgraph/graph/model"
	"kgraph/graph/store"
)

// The change log as the API shows it: a cursor connection whose cursor is
// a change's seq, and each change's elements with their JSON images.

// changeCursor reads the after argument of Query.changes: a change's seq.
func changeCursor(after *string) (int64, error) {
	if after == nil {
		return 0, nil
	}
	seq, err := strconv.ParseInt(*after, 10, 64)
	if err != nil || seq < 0 {
		return 0, store.Errorf(store.EINVALID, "after %q is not a change's cursor: pass the cursor of a change (its seq, such as \"42\")", *after)
	}
	return seq, nil
}

func changeConnection(p *store.ChangePage, after int64) *model.ChangeConnection {
	c := &model.ChangeConnection{Nodes: p.Changes, Edges: []*model.ChangeEdge{}}
	if c.Nodes == nil {
		c.Nodes = []*store.Change{}
	}
	for _, ch := range p.Changes {
		c.Edges = append(c.Edges, &model.ChangeEdge{Cursor: strconv.FormatInt(ch.Seq, 10), Node: ch})
	}
	afterText := ""
	if after > 0 {
		afterText = strconv.FormatInt(after, 10)
	}
	c.PageInfo = pageInfo(len(c.Edges), p.HasNextPage, afterText, func(i int) string { return c.Edges[i].Cursor })
	return c
}

// elementChanges returns the first n of a change's elements.
func elementChanges(elems []store.ElementChange, n int) []*store.ElementChange {
	out := make([]*store.ElementChange, 0, min(n, len(elems)))
	for i := range elems[:min(n, len(elems))] {
		out = append(out, &elems[i])
	}
	return out
}

// jsonText is an element's JSON image as text, nil when there is none.
func jsonText(raw json.RawMessage) *string {
	if raw == nil {
		return nil
	}
	s := string(raw)
	return &s
}
