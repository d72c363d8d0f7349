package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// Incremental delivery: a POST that accepts multipart/mixed gets the
// fragments marked @defer as parts after the first (gqlgen's MultipartMixed
// transport), so a client paints the entity first and its neighbourhood,
// path or timeline when it arrives. Any other request gets the whole answer
// at once: the directive is dropped, as the incremental delivery proposal
// lets a server do, instead of gqlgen's plain transports answering the
// first part alone with the deferred fields null.

type streamedKey struct{}

// noteStreaming marks the requests whose answer can come in parts.
func noteStreaming(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (transport.MultipartMixed{}).Supports(r) {
			r = r.WithContext(context.WithValue(r.Context(), streamedKey{}, true))
		}
		next.ServeHTTP(w, r)
	})
}

// deferOnlyWhenStreamed drops @defer from the operations of requests whose
// answer comes in one piece.
type deferOnlyWhenStreamed struct{ schema *ast.Schema }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &deferOnlyWhenStreamed{}

func (*deferOnlyWhenStreamed) ExtensionName() string { return "DeferOnlyWhenStreamed" }

func (d *deferOnlyWhenStreamed) Validate(schema graphql.ExecutableSchema) error {
	d.schema = schema.Schema()
	return nil
}

// MutateOperationContext replaces a document that uses @defer by a copy
// without it. The parsed document is shared through the query cache, so it
// is parsed and validated afresh rather than changed in place; documents
// without "@defer" in their text pay nothing.
func (d *deferOnlyWhenStreamed) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if streamed, _ := ctx.Value(streamedKey{}).(bool); streamed || !strings.Contains(opCtx.RawQuery, "@defer") {
		return nil
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: opCtx.RawQuery})
	if err != nil {
		return gqlerror.Wrap(err) // not reached: the text was parsed once already
	}
	for _, op := range doc.Operations {
		dropDefer(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		dropDefer(f.SelectionSet)
	}
	if errs := validator.Validate(d.schema, doc); len(errs) > 0 {
		return errs[0]
	}
	opCtx.Doc = doc
	opCtx.Operation = doc.Operations.ForName(opCtx.OperationName)
	return nil
}

// dropDefer removes @defer from every fragment in the selection set.
func dropDefer(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			dropDefer(s.SelectionSet)
		case *ast.InlineFragment:
			s.Directives = withoutDefer(s.Directives)
			dropDefer(s.SelectionSet)
		case *ast.FragmentSpread:
			s.Directives = withoutDefer(s.Directives)
		}
	}
}

func withoutDefer(ds ast.DirectiveList) ast.DirectiveList {
	out := ds[:0:0]
	for _, d := range ds {
		if d.Name != "defer" {
			out = append(out, d)
		}
	}
	return out
}
