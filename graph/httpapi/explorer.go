package httpapi

import (
	"io/fs"
	"net/http"
)

// handleExplorer serves the explorer, the single-page app at / that
// searches, draws and walks the graph through the public GraphQL API.
func handleExplorer(files fs.FS) http.Handler {
	return handlePage(files, "index.html")
}
