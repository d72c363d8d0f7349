package httpapi

import (
	"bytes"
	_ "embed"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

// The front end (the explorer and the playground) is a set of static files
// built by npm: two HTML pages and, under assets/, the scripts, styles and
// workers they load, with content hashes in their names, handed to
// NewHandler by package main (see package web).

// contentSecurityPolicy lets the pages load nothing but this server's own
// files: no CDN, font or analytics host can be reached even by mistake,
// which is what keeps the explorer and the playground working offline.
// Inline styles are allowed because Cytoscape and the playground's editor
// set style attributes; data: and blob: URLs for the images, fonts and
// workers they create in the page.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// frontEndMissing is the page served in place of the explorer and the
// playground when the binary was built without them: it says how to build
// them.
//
//go:embed frontend-missing.html
var frontEndMissing []byte

// frontEnd returns the built front end, or an empty one.
func frontEnd(cfg Config) fs.FS {
	if cfg.Assets != nil {
		return cfg.Assets
	}
	return emptyFS{}
}

// emptyFS is a front end with no files.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// handlePage serves one HTML page of the front end, or, when the front end
// was not built, a page that says how to build it (503, since the page the
// user asked for is missing from this binary).
func handlePage(files fs.FS, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := fs.ReadFile(files, name)
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		// Pages are small and name the current hashed assets: always revalidate.
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write(frontEndMissing)
			return
		}
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(page))
	})
}

// handleAssets serves the files under assets/. Their names carry a hash of
// their content, so they may be cached for good. Directories are not
// listed.
func handleAssets(files fs.FS) http.Handler {
	fileServer := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("X-Content-Type-Options", "nosniff")
		fileServer.ServeHTTP(w, r)
	})
}
