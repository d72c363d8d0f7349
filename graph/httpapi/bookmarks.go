package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/store"
)

// bookmarksHeader carries the bookmarks a client got back from its writes
// (the response's extensions.bookmarks), comma-separated, so that its next
// request, through any replica, reads what those writes wrote.
const bookmarksHeader = "KG-Bookmarks"

// maxBookmarks bounds how many bookmarks one request may send.
const maxBookmarks = 64

// withBookmarks gives the request the bookmarks its KG-Bookmarks header
// sends; the store waits for them before it reads, and adds those of the
// request's writes.
func withBookmarks(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sent []string
		for _, h := range r.Header.Values(bookmarksHeader) {
			for _, b := range strings.Split(h, ",") {
				if b = strings.TrimSpace(b); b != "" {
					sent = append(sent, b)
				}
			}
		}
		if len(sent) > maxBookmarks {
			writeGraphQLError(w, r, http.StatusBadRequest, store.EINVALID, "the KG-Bookmarks header may hold at most 64 bookmarks")
			return
		}
		ctx, _ := store.WithBookmarks(r.Context(), sent)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// answerBookmarks lists the bookmarks of the request's writes in the
// response's extensions.bookmarks.
func answerBookmarks(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	written := store.BookmarksFrom(ctx).Written()
	if resp == nil || len(written) == 0 {
		return resp
	}
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions["bookmarks"] = written
	return resp
}
