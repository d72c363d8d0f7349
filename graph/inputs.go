package graph

import (
	"kgraph/graph/model"
	"kgraph/graph/store"
)

// The helpers here turn a mutation's input into the store's elements: the
// fields of the dataset format, so that a write is checked by the same
// rules as an import.

func entityFromInput(in model.EntityInput) store.Entity {
	return store.Entity{
		ID:           in.ID,
		Kind:         in.Kind,
		Labels:       store.Texts(labelsFromInput(in.Labels)),
		Aliases:      store.Aliases(labelsFromInput(in.Aliases)),
		Descriptions: store.Texts(labelsFromInput(in.Descriptions)),
		Start:        in.Start,
		End:          in.End,
		Sources:      citationsFromInput(in.Sources),
	}
}

func relationFromInput(in model.RelationInput) store.Relation {
	return store.Relation{
		ID:           in.ID,
		Type:         in.Type,
		FromID:       in.From,
		ToID:         in.To,
		Start:        in.Start,
		End:          in.End,
		Descriptions: store.Texts(labelsFromInput(in.Descriptions)),
		Sources:      citationsFromInput(in.Sources),
	}
}

func labelsFromInput(in []*model.LabelInput) []store.Label { return mapInputs(in, labelFromInput) }

func labelFromInput(l *model.LabelInput) store.Label {
	return store.Label{Lang: l.Lang, Text: l.Text}
}

func citationsFromInput(in []*model.CitationInput) []store.Citation {
	return mapInputs(in, citationFromInput)
}

// mapInputs converts a list of inputs, nil for none (as the dataset
// format leaves an empty list out).
func mapInputs[I, O any](in []*I, convert func(*I) O) []O {
	if len(in) == 0 {
		return nil
	}
	out := make([]O, 0, len(in))
	for _, v := range in {
		out = append(out, convert(v))
	}
	return out
}

func citationFromInput(c *model.CitationInput) store.Citation {
	return store.Citation{Source: c.Source, Paragraph: deref(c.Paragraph), Sentence: deref(c.Sentence)}
}
