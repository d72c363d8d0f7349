package graph

import (
	"context"
	"testing"

	"kgraph/graph/auth"
	"kgraph/graph/model"
	"kgraph/graph/store"
)

// TestHasRole runs the directive for every role against every need: the
// field's resolver runs exactly when the role suffices, and a refusal has
// the code that says why.
func TestHasRole(t *testing.T) {
	for _, tc := range []struct {
		name      string
		principal auth.Principal
		need      model.Role
		code      string
	}{
		{"anonymous, editor field", auth.Anonymous, model.RoleEditor, store.EUNAUTHENTICATED},
		{"anonymous, admin field", auth.Anonymous, model.RoleAdmin, store.EUNAUTHENTICATED},
		{"reader token, editor field", auth.Principal{Name: "rita", Role: auth.Reader}, model.RoleEditor, store.EFORBIDDEN},
		{"editor, editor field", auth.Principal{Name: "ed", Role: auth.Editor}, model.RoleEditor, ""},
		{"editor, admin field", auth.Principal{Name: "ed", Role: auth.Editor}, model.RoleAdmin, store.EFORBIDDEN},
		{"admin, editor field", auth.Principal{Name: "ada", Role: auth.Admin}, model.RoleEditor, ""},
		{"admin, admin field", auth.Principal{Name: "ada", Role: auth.Admin}, model.RoleAdmin, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ran := false
			res, err := HasRole(auth.WithPrincipal(context.Background(), tc.principal), nil, func(ctx context.Context) (any, error) {
				ran = true
				return auth.FromContext(ctx).Name, nil
			}, tc.need)
			if got := store.ErrorCode(err); got != tc.code {
				t.Fatalf("code %q, want %q (%v)", got, tc.code, err)
			}
			if ran != (tc.code == "") {
				t.Fatalf("resolver ran: %v, refused with %q", ran, tc.code)
			}
			if tc.code == "" && res != tc.principal.Name {
				t.Fatalf("result %v", res)
			}
		})
	}
}
