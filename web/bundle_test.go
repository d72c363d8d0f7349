package web

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"regexp"
	"testing"
)

// loadsBefore matches, at the end of the text before a "//", the ways a
// built file can make the browser fetch that URL at run time: a tag
// attribute, a CSS url() or @import, a dynamic import, a worker, a fetch.
// (Lower case, as bundlers write them.) Links for the user to follow (an
// <a href> in a help text) and XML namespaces are not loads and do not
// match.
var loadsBefore = regexp.MustCompile(`(?:` +
	`<(?:script|link|img|iframe|source|audio|video)\b[^>]*\b(?:src|href)\s*=\s*["']?` +
	`|url\(\s*["']?` +
	`|@import\s+(?:url\()?\s*["']?` +
	`|\bimport\s*\(\s*["']` +
	`|\bfrom\s*["']` +
	`|importScripts\(\s*["']` +
	`|new\s+(?:Shared)?Worker\(\s*["']` +
	`|\bfetch\(\s*["']` +
	`|sourceMappingURL=` +
	`)(?:https?:)?$`)

// cdnHosts are the hosts front-end libraries load fonts, workers and
// modules from by default. None may appear in the bundle at all.
var cdnHosts = regexp.MustCompile(`unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|esm\.sh|esm\.run|skypack\.dev`)

// The explorer and the playground must work with no internet access, so
// the built bundle must load everything from this server. The browser
// tests check what the pages do; this checks every built file, including
// code paths the tests do not reach.
func TestBundleLoadsNothingFromOtherHosts(t *testing.T) {
	if !Built() {
		msg := "the front end is not built: run `make web` (cd web && npm ci && npm run build), then test again"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	files := 0
	err := fs.WalkDir(Dist(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(name) {
		case ".html", ".js", ".css", ".svg", ".json":
		default:
			return nil // fonts and images load nothing
		}
		b, err := fs.ReadFile(Dist(), name)
		if err != nil {
			return err
		}
		files++
		// Only the text before each "//" can start a URL with a host:
		// matching there is much faster than matching the whole file.
		for i := 0; ; i += 2 {
			j := bytes.Index(b[i:], []byte("//"))
			if j < 0 {
				break
			}
			i += j
			if loadsBefore.Match(b[max(0, i-200):i]) {
				t.Errorf("%s loads from another host: %q", name, context(b, i, i+2))
			}
		}
		for _, m := range cdnHosts.FindAllIndex(b, -1) {
			t.Errorf("%s names a CDN: %q", name, context(b, m[0], m[1]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 3 {
		t.Errorf("only %d built files checked", files)
	}
}

// context returns the match with a little of what surrounds it.
func context(b []byte, start, end int) string {
	return string(b[max(0, start-40):min(len(b), end+60)])
}
