package httpapi

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// documentLimits refuses a document that is too large, too deep or too
// wide before gqlgen parses and validates it. It runs after the persisted
// query lookup has filled in the text, parses with the token limit, and
// measures the document in one pass, fragments expanded and memoized, so
// its cost is linear in the document whatever its shape. The documents it
// passed are remembered (as gqlgen remembers their parse), so a query a
// client sends again is not parsed twice per request.
type documentLimits struct {
	limits Limits
	passed *lru.LRU[struct{}]
}

func newDocumentLimits(limits Limits) documentLimits {
	return documentLimits{limits: limits, passed: lru.New[struct{}](1000)}
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentLimits{}

func (documentLimits) ExtensionName() string                          { return "DocumentLimits" }
func (documentLimits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d documentLimits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if _, ok := d.passed.Get(ctx, p.Query); ok {
		return nil
	}
	if err := checkDocument(p.Query, d.limits); err != nil {
		return err
	}
	d.passed.Add(ctx, p.Query, struct{}{})
	return nil
}

// checkDocument measures a query against the limits; nil when it is within them.
func checkDocument(query string, l Limits) *gqlerror.Error {
	if len(query) > l.MaxQueryBytes {
		return codedError(codeQueryTooLarge, "the query is %d bytes, more than the limit of %d", len(query), l.MaxQueryBytes)
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Name: "query", Input: query}, l.MaxTokens)
	if err != nil {
		gqlErr, ok := err.(*gqlerror.Error)
		if !ok {
			gqlErr = gqlerror.Wrap(err)
		}
		if strings.Contains(gqlErr.Message, "token limit") {
			return codedError(codeQueryTooLarge, "the query has more than %d tokens, the limit", l.MaxTokens)
		}
		errcode.Set(gqlErr, errcode.ParseFailed)
		return gqlErr
	}
	m := measurer{doc: doc, fragments: map[string]*shape{}}
	if err := m.checkLiteralsAndDirectives(l); err != nil {
		return err
	}
	for _, op := range doc.Operations {
		s := m.selectionSet(op.SelectionSet)
		name := "the operation"
		if op.Name != "" {
			name = "operation " + op.Name
		}
		switch {
		case s.depth > l.MaxDepth:
			return codedError(codeQueryTooDeep, "%s nests fields %d deep, more than the limit of %d", name, s.depth, l.MaxDepth)
		case s.top > l.MaxRootFields:
			return codedError(codeTooManyRootFields, "%s has %d top-level fields, more than the limit of %d", name, s.top, l.MaxRootFields)
		case s.aliases > l.MaxAliases:
			return codedError(codeTooManyAliases, "%s has %d aliased fields, more than the limit of %d", name, s.aliases, l.MaxAliases)
		case s.fields > l.MaxFields:
			return codedError(codeTooManyFields, "%s has %d fields, more than the limit of %d", name, s.fields, l.MaxFields)
		}
	}
	return nil
}

// shape is what a selection set amounts to once its fragments are expanded.
type shape struct {
	depth   int // levels of fields, 1 for { id }
	top     int // fields at the first level
	fields  int // fields at every level
	aliases int // fields under another name
}

func (s *shape) add(o shape) {
	s.depth = max(s.depth, o.depth)
	s.top = satAdd(s.top, o.top)
	s.fields = satAdd(s.fields, o.fields)
	s.aliases = satAdd(s.aliases, o.aliases)
}

// satAdd adds without overflowing: a fragment spread a thousand times in
// a fragment spread a thousand times counts a million, not a wrapped sum.
func satAdd(a, b int) int {
	if a > math.MaxInt32-b {
		return math.MaxInt32
	}
	return a + b
}

type measurer struct {
	doc *ast.QueryDocument
	// fragments memoizes each fragment's shape; nil while it is being
	// measured, so that a cycle (refused later by validation) ends.
	fragments map[string]*shape
}

func (m *measurer) selectionSet(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			f := shape{depth: 1, top: 1, fields: 1}
			if sel.Alias != "" && sel.Alias != sel.Name {
				f.aliases = 1
			}
			// Introspection reads the schema in memory, bounded by its
			// size; its type references nest deeper than any data query.
			if !strings.HasPrefix(sel.Name, "__") {
				child := m.selectionSet(sel.SelectionSet)
				f.depth += child.depth
				f.fields = satAdd(f.fields, child.fields)
				f.aliases = satAdd(f.aliases, child.aliases)
			}
			s.add(f)
		case *ast.InlineFragment:
			s.add(m.selectionSet(sel.SelectionSet))
		case *ast.FragmentSpread:
			s.add(m.fragment(sel.Name))
		}
	}
	return s
}

func (m *measurer) fragment(name string) shape {
	if s, seen := m.fragments[name]; seen {
		if s == nil {
			return shape{}
		}
		return *s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return shape{}
	}
	m.fragments[name] = nil
	s := m.selectionSet(def.SelectionSet)
	m.fragments[name] = &s
	return s
}

// checkLiteralsAndDirectives walks the document as written: directives,
// per place and in all, and Int literals, which must fit in 64 bits (a
// larger one made gqlparser panic).
func (m *measurer) checkLiteralsAndDirectives(l Limits) *gqlerror.Error {
	total := 0
	var err *gqlerror.Error
	directives := func(list ast.DirectiveList) {
		if err != nil {
			return
		}
		total += len(list)
		switch {
		case len(list) > l.MaxDirectivesPerLocation:
			err = codedError(codeTooManyDirectives, "%d directives in one place, more than the limit of %d", len(list), l.MaxDirectivesPerLocation)
		case total > l.MaxDirectives:
			err = codedError(codeTooManyDirectives, "more than %d directives in the document, the limit", l.MaxDirectives)
		}
		for _, d := range list {
			m.arguments(d.Arguments, &err)
		}
	}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			if err != nil {
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				directives(sel.Directives)
				m.arguments(sel.Arguments, &err)
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				directives(sel.Directives)
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				directives(sel.Directives)
			}
		}
	}
	for _, op := range m.doc.Operations {
		directives(op.Directives)
		for _, v := range op.VariableDefinitions {
			directives(v.Directives)
			checkValue(v.DefaultValue, &err)
		}
		walk(op.SelectionSet)
	}
	for _, f := range m.doc.Fragments {
		directives(f.Directives)
		walk(f.SelectionSet)
	}
	return err
}

func (m *measurer) arguments(args ast.ArgumentList, err **gqlerror.Error) {
	for _, a := range args {
		checkValue(a.Value, err)
	}
}

// checkValue refuses an Int literal that does not fit in 64 bits.
func checkValue(v *ast.Value, err **gqlerror.Error) {
	if v == nil || *err != nil {
		return
	}
	if v.Kind == ast.IntValue {
		if _, perr := strconv.ParseInt(v.Raw, 10, 64); perr != nil {
			*err = codedError(codeValidationFailed, "the integer %.40s is out of range", v.Raw)
			return
		}
	}
	for _, c := range v.Children {
		checkValue(c.Value, err)
	}
}
