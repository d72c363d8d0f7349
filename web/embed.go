// Package web is the front end: the explorer (/) and the GraphQL playground
// (/playground), single-page apps written in TypeScript under src/ and
// built with npm into dist/, which this package embeds in the binary.
//
// Build it with `make web`, which runs, in this directory:
//
//	npm ci && npm run build
//
// The build is not committed (dist/ is git-ignored), and yet the Go code
// must build on a fresh clone before npm ever ran. A //go:embed pattern
// that matches nothing is a compile error, so the pattern is the glob
// "dist*": it always matches the committed dist-placeholder.txt, and it
// also matches the dist/ directory once the build has written it. With no
// build, Dist is empty, Built reports false and the server answers / and
// /playground with a page that says how to build. (One state the glob cannot
// absorb: an empty dist/ directory, which npm run build never leaves, makes
// go build fail with "contains no embeddable files"; remove it or build.)
package web

import (
	"embed"
	"io/fs"
)

// files holds dist/ when it was built and, always, dist-placeholder.txt. The
// "all:" prefix keeps files whose names start with "_" or ".", which the
// bundler may emit.
//
//go:embed all:dist*
var files embed.FS

// Dist returns the built front end, rooted at dist/: index.html,
// playground.html and assets/. It is empty when the front end was not built.
func Dist() fs.FS {
	sub, err := fs.Sub(files, "dist")
	if err != nil {
		panic(err) // fs.Sub fails only for an invalid path, and "dist" is valid
	}
	return sub
}

// Built reports whether the front end was built into this binary.
func Built() bool {
	_, err := fs.Stat(files, "dist/index.html")
	return err == nil
}
