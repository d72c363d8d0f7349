package web_test

// The harness of the browser tests: the real server over a seeded store, a
// fresh headless Chromium, and a watch on everything the page does that a
// user would call broken: console errors, uncaught exceptions, failed
// requests, and any request to a host other than this machine.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/web"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// artifactsDir collects the screenshots; it is git-ignored.
var artifactsDir = filepath.Join("..", "test-artifacts", "browser")

// skipOrFail skips a test whose prerequisite is missing on a developer's
// machine, and fails it in CI, where a skipped browser test would pass
// unnoticed.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg + " (skipped; in CI, with CI set, this fails)")
}

// requireBrowserSetup skips or fails unless Chromium is installed and the
// front end was built into this test binary.
func requireBrowserSetup(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		skipOrFail(t, "%s is missing: install it with `apt-get install -y chromium`", chromiumPath)
	}
	if !web.Built() {
		skipOrFail(t, "the front end is not built: run `make web` (cd web && npm ci && npm run build), then test again")
	}
}

// startServer serves the real handler, with the embedded front end, over a
// temporary embedded store loaded with the seed, as the server does on its
// first start.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	return serve(t, memstoretest.Seeded(t))
}

// serve serves the real handler, with the embedded front end, over s.
func serve(t *testing.T, s store.Store) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{
		Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Assets: web.Dist(),
	}))
	t.Cleanup(srv.Close)
	return srv
}

// page is one browser tab on the test server.
type page struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string
	requests []string // every URL requested, for the failure message
	expected []string // problems a test causes on purpose, by a part of their text
}

// expect tolerates the problems whose text holds part: a test that breaks
// something on purpose (a dropped connection) expects the browser to say so.
func (p *page) expect(part string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expected = append(p.expected, part)
}

// openPage starts Chromium and opens path on a fresh test server. Every
// problem the page shows is reported when the test ends.
func openPage(t *testing.T, path string) *page {
	t.Helper()
	requireBrowserSetup(t)
	return openPageOn(t, startServer(t), path)
}

// openPageOn starts Chromium and opens path on srv.
func openPageOn(t *testing.T, srv *httptest.Server, path string) *page {
	t.Helper()
	return openPageSized(t, srv, path, 1440, 1000)
}

// openPageSized starts Chromium with a window of this size and opens path on srv.
func openPageSized(t *testing.T, srv *httptest.Server, path string, width, height int) *page {
	t.Helper()
	requireBrowserSetup(t)
	p := &page{t: t, base: srv.URL}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(p.watch))
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	p.ctx = ctx
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	p.do(chromedp.Navigate(p.base + path))
	t.Cleanup(p.checkProblems)
	return p
}

// watch records what a user would see as broken. It runs on chromedp's
// event loop, so it only records.
func (p *page) watch(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				if a.Description != "" {
					args = append(args, a.Description)
				} else {
					args = append(args, string(a.Value))
				}
			}
			p.problems = append(p.problems, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		p.problems = append(p.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber, text))
	case *log.EventEntryAdded:
		// Failed resource loads and Content-Security-Policy violations are
		// logged here, not on the console API.
		if ev.Entry.Level == log.EntryLevelError {
			p.problems = append(p.problems, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
		if !isLocal(ev.Request.URL) {
			p.problems = append(p.problems, "request to another host: "+ev.Request.URL)
		}
	case *network.EventLoadingFailed:
		// A request that the page itself cancelled (a superseded search) is not a failure.
		if !ev.Canceled {
			p.problems = append(p.problems, fmt.Sprintf("request %s failed: %s %s", ev.RequestID, ev.ErrorText, ev.BlockedReason))
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.problems = append(p.problems, fmt.Sprintf("%s answered %d", ev.Response.URL, ev.Response.Status))
		}
	}
}

// isLocal reports whether a URL stays on this machine: the test server,
// or a URL the page made itself (data:, blob:, about:).
func isLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		host := u.Hostname()
		return host == "127.0.0.1" || host == "localhost" || host == "::1"
	}
	return false
}

// checkProblems fails the test for every problem the page showed.
func (p *page) checkProblems() {
	p.mu.Lock()
	defer p.mu.Unlock()
	shown := 0
	for _, problem := range p.problems {
		if slices.ContainsFunc(p.expected, func(part string) bool { return strings.Contains(problem, part) }) {
			continue
		}
		shown++
		p.t.Errorf("the page showed a problem: %s", problem)
	}
	if shown > 0 {
		p.t.Logf("requests made: %s", strings.Join(p.requests, "\n  "))
	}
}

// do runs actions, failing the test on an error.
func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.screenshot("failure-" + safeName(p.t.Name()))
		p.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy, and then until
// the explorer has no request under way (<body data-busy="0">; pages
// without the attribute do not wait).
func (p *page) waitFor(what, expr string) {
	p.t.Helper()
	for _, e := range []string{expr, `(document.body.dataset.busy ?? '0') === '0'`} {
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](e,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			p.screenshot("failure-" + safeName(p.t.Name()))
			p.t.Fatalf("waiting for %s (%s): %v", what, e, err)
		}
	}
}

// screenshot saves the page as test-artifacts/browser/<name>.png.
func (p *page) screenshot(name string) {
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(artifactsDir, 0o755); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(artifactsDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p.t.Logf("screenshot: %s", path)
}

func safeName(s string) string {
	return strings.NewReplacer("/", "-", " ", "_").Replace(s)
}
