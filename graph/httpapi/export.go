package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kgraph/graph/export"
	"kgraph/graph/store"
)

// exportParams are the query parameters an export takes; see export.Filter.
var exportParams = []string{"at", "types", "root", "depth"}

// handleExport serves the graph as a file to download in the given format:
// the whole graph, or the part the query parameters select:
//
//	?at=1949            relations in force at some time in 1949 (YYYY[-MM[-DD]])
//	?types=A,B          relations of these types
//	?root=ID&depth=N    the neighbourhood of ID, N hops deep (default 1)
//
// An unknown or malformed parameter is a 400 INVALID error, an unknown root
// a 404 NOT_FOUND one, each as {"error": {"code", "message"}}. The file is
// encoded in full before anything is sent, so that a failure is an error
// status rather than a truncated download.
func handleExport(cfg Config, format export.Format) http.Handler {
	s, logger := cfg.Store, cfg.Logger
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		filter, err := exportFilter(r.URL.Query())
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if err := checkReady(r.Context(), cfg.Readiness); err != nil {
			writeError(w, r, logger, err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.Deadline)
		defer cancel()
		d, err := export.Select(ctx, s, filter)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		var body bytes.Buffer
		if err := format.Encode(&body, d); err != nil {
			writeError(w, r, logger, fmt.Errorf("encode %s: %w", format.Name, err))
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.MediaType)
		h.Set("Content-Disposition", `attachment; filename="`+exportFileName(filter, format)+`"`)
		h.Set("Content-Length", strconv.Itoa(body.Len()))
		h.Set("Cache-Control", "no-store")
		_, _ = w.Write(body.Bytes())
	})
}

// exportFilter reads the filter from the query parameters, refusing
// unknown and repeated ones: a misspelt ?type= must not silently export
// the whole graph.
func exportFilter(q url.Values) (export.Filter, error) {
	for name, values := range q {
		if !slices.Contains(exportParams, name) {
			return export.Filter{}, store.Errorf(store.EINVALID, "unknown parameter %q; an export takes %s", name, strings.Join(exportParams, ", "))
		}
		if len(values) > 1 {
			return export.Filter{}, store.Errorf(store.EINVALID, "parameter %q is given %d times; give it once", name, len(values))
		}
	}
	return export.ParseFilter(q.Get("at"), q.Get("types"), q.Get("root"), q.Get("depth"))
}

var unsafeFileNameChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// exportFileName names the download after what it holds:
// graph.graphml, graph-soviet-union.graphml, graph-soviet-union-depth-2-1949.json.
func exportFileName(f export.Filter, format export.Format) string {
	parts := []string{"graph"}
	if len(f.Roots) > 0 {
		roots := f.Roots
		if len(roots) > 3 {
			roots = append(roots[:3:3], fmt.Sprintf("%d-more", len(f.Roots)-3))
		}
		parts = append(parts, roots...)
		if f.Depth > 1 {
			parts = append(parts, "depth-"+strconv.Itoa(f.Depth))
		}
	}
	if f.At != nil {
		parts = append(parts, f.At.String())
	}
	// A root is an id the store found, hence a slug; the replacement is a
	// second line of defence for the quoted header value.
	return unsafeFileNameChars.ReplaceAllString(strings.Join(parts, "-"), "_") + format.Extension
}
