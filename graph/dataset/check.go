package dataset

import (
	"context"
	"fmt"
	"strings"

	"kgraph/graph/store"
)

// Summary counts a file's elements, per section.
type Summary struct {
	EntityKinds, RelationTypes, Sources, Entities, Relations int
}

// Total is the number of elements.
func (s Summary) Total() int {
	return s.EntityKinds + s.RelationTypes + s.Sources + s.Entities + s.Relations
}

// String renders the counts as "2 entity kinds, 1 relation type, ...".
func (s Summary) String() string {
	parts := []string{
		store.Count(s.EntityKinds, "entity kind", "entity kinds"),
		store.Count(s.RelationTypes, "relation type", "relation types"),
		store.Count(s.Sources, "source", "sources"),
		store.Count(s.Entities, "entity", "entities"),
		store.Count(s.Relations, "relation", "relations"),
	}
	return strings.Join(parts, ", ")
}

// Checked is a dataset file that Check found valid: the only kind that can
// be read in batches, so that nothing is applied from a file with problems.
type Checked struct {
	src     Source
	summary Summary
	order   []string // sections in file order
}

// Summary counts the file's elements.
func (c *Checked) Summary() Summary { return c.summary }

// Base is the graph a file is to be added to, as Check needs to know it:
// its vocabulary, and which of the ids the file refers to it holds.
// store.Store is one; Graph makes one of a dataset in memory.
type Base interface {
	// Vocabulary returns the kinds and types of the graph.
	Vocabulary(ctx context.Context) (*store.Vocabulary, error)
	// Existing returns those of ids that the graph holds in the section.
	Existing(ctx context.Context, section string, ids []string) ([]string, error)
}

// existingBatch is how many ids Check asks Base.Existing about at once:
// each ask is a transaction of its own in Neo4j, and a file of a million
// relations asks about each id twice, so fewer, larger asks check it
// several times faster; ten thousand ids are still a small message.
const existingBatch = 10000

// Check validates a dataset file: its JSON, the schema, and the graph rules
// (ids declared and unique, periods in order). base is the graph the file
// is to be added to, whose kinds, types, sources and entities the file may
// refer to; nil for a file that must stand on its own.
//
// It reads the file as a stream, keeping only ids in memory, and asks base
// only about the ids the file refers to, never for the whole graph. An
// element's references can be judged as it is read when what it refers to
// comes earlier in the file (vocabulary and sources, then entities, then
// relations: the order the seed and every export use) and there is no
// base; otherwise the file is read a second time for them, once base has
// said which of the ids the file refers to it holds. It returns every
// problem, in line order, or the checked file. The error is for failures
// to read the file or to ask base, not for problems in it.
func Check(ctx context.Context, src Source, base Base) (*Checked, []Problem, error) {
	x := newIndex()
	if base != nil {
		vocab, err := base.Vocabulary(ctx)
		if err != nil {
			return nil, nil, err
		}
		x.storeVocabulary(vocab)
	}
	bad := map[elementKey]bool{} // elements with problems of their own
	var problems, references []Problem

	// Each element's own checks (the schema, a strict decoding) need
	// nothing but the element, and are most of a check's work: they run
	// on every core, a chunk of elements at a time, while what depends on
	// the order of the file (ids declared, references) follows in order.
	chunk := make([]element, 0, checkChunk)
	judge := func() {
		for i, r := range checkElements(src.Name, chunk) {
			e := chunk[i]
			ps := r.problems
			if msg := x.declare(e.section, r.id, e.line); msg != "" {
				ps = append(ps, elementProblem(src.Name, e, []string{"id"}, msg))
			}
			if len(ps) > 0 {
				bad[elementKey{e.section, e.index}] = true
				problems = append(problems, ps...)
				continue
			}
			x.refer(r.v)
			references = append(references, x.referenceProblems(src.Name, e, r.v)...)
		}
		chunk = chunk[:0]
	}
	sc, err := read(ctx, src, all, func(e element) error {
		if chunk = append(chunk, e); len(chunk) == checkChunk {
			judge()
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	judge()
	sc.checkSkeleton()
	problems = append(problems, sc.problems...)
	if sc.broken {
		// Past malformed JSON nothing is known, so references cannot be judged.
		sortProblems(problems)
		return nil, problems, nil
	}

	if base != nil {
		if err := x.askBase(ctx, base); err != nil {
			return nil, nil, err
		}
	}
	if !inPhaseOrder(sc.order) || base != nil && (len(references) > 0 || x.clashesWithBase()) {
		// Some elements were judged before what they refer to was known.
		// In a file in phase order, an element referred only to what came
		// before it: when none of those references was missing and the
		// graph holds none of the file's ids in another section, the
		// graph can only have made more of them known, and nothing is
		// judged again.
		references = nil
		_, err = read(ctx, src, all, func(e element) error {
			if bad[elementKey{e.section, e.index}] {
				return nil
			}
			v, err := decodeAgain(src, e)
			if err != nil {
				return err
			}
			references = append(references, x.referenceProblems(src.Name, e, v)...)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	problems = append(problems, references...)
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, problems, nil
	}
	c := sc.counts
	return &Checked{
		src:     src,
		order:   sc.order,
		summary: Summary{EntityKinds: c[store.SectionEntityKinds], RelationTypes: c[store.SectionRelationTypes], Sources: c[store.SectionSources], Entities: c[store.SectionEntities], Relations: c[store.SectionRelations]},
	}, nil, nil
}

// referenceProblems locates the graph-rule problems of a decoded element.
func (x *index) referenceProblems(file string, e element, v any) []Problem {
	var out []Problem
	for _, p := range x.graphProblems(v) {
		var path []string
		if p.Field != "" {
			path = []string{p.Field}
		}
		out = append(out, elementProblem(file, e, path, p.Message))
	}
	return out
}

// elementKey names an element by its place.
type elementKey struct {
	section string
	index   int
}

// all wants every section.
func all(string) bool { return true }

// read opens the source and scans it once, until ctx is done.
func read(ctx context.Context, src Source, want func(string) bool, visit func(element) error) (*scanner, error) {
	r, err := src.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return scan(r, src.Name, want, func(e element) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return visit(e)
	})
}

// decodeAgain decodes an element of a file Check has read before, which
// decoded then: failing now, the file has changed since.
func decodeAgain(src Source, e element) (any, error) {
	v, _, err := decoders[e.section](e.raw)
	if err != nil {
		return nil, fmt.Errorf("%s changed since it was checked: %s[%d] no longer decodes", src.Name, e.section, e.index)
	}
	return v, nil
}
