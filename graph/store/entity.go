package store

// Entity is a node of the graph: a state, a document, a policy, a heritage.
type Entity struct {
	// ID is a stable, readable slug such as "ussr" or "belgrade-declaration".
	ID string `json:"id"`
	// Kind is the id of one of the vocabulary's entity kinds.
	Kind string `json:"kind"`
	// Labels holds the preferred name, at most one per language; English is required.
	Labels Texts `json:"labels"`
	// Aliases holds other names and spellings, any number per language.
	Aliases Aliases `json:"aliases,omitempty"`
	// Descriptions holds a short description, at most one per language.
	Descriptions Texts `json:"descriptions,omitempty"`
	// Start is when the entity came into being (founded, signed), if known.
	Start *PartialDate `json:"start,omitempty"`
	// End is when it ceased to exist, if it did and it is known.
	End *PartialDate `json:"end,omitempty"`
	// Sources cites where the facts about the entity come from.
	Sources []Citation `json:"sources,omitempty"`
}

// Citation points at the place in a source document that states a fact.
type Citation struct {
	// Source is the id of a SourceDocument of the dataset.
	Source string `json:"source"`
	// Paragraph is the 1-based paragraph number in the document, or 0 when
	// the citation is to the document as a whole.
	Paragraph int `json:"paragraph,omitempty"`
	// Sentence is the 1-based sentence number within the paragraph, or 0
	// when the citation is to the whole paragraph.
	Sentence int `json:"sentence,omitempty"`
}

// SourceDocument is a document the dataset takes its facts from.
type SourceDocument struct {
	// ID is a stable slug the citations refer to.
	ID string `json:"id"`
	// Title is the document's title, in its own language.
	Title string `json:"title"`
	// Kind says what sort of document it is, such as "encyclopedia article".
	Kind string `json:"kind,omitempty"`
	// Language is the BCP 47 tag of the document's language.
	Language string `json:"language"`
	// Descriptions says in a few words what the document is, per language.
	Descriptions Texts `json:"descriptions,omitempty"`
}
