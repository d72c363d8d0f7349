package httpapi

import (
	"io/fs"
	"net/http"
)

// handlePlayground serves GraphiQL, built from npm into the binary's own
// assets with its editor's workers and fonts, so that it works with no
// internet access. It queries /graphql and opens with example queries.
func handlePlayground(files fs.FS) http.Handler {
	return handlePage(files, "playground.html")
}
