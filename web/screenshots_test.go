package web_test

// The README's pictures of the explorer, docs/explorer-*.png, are taken
// here from the real explorer over the seeded graph. Every run takes them
// (into test-artifacts/, so that a broken view fails the suite); with
// KG_UPDATE_SCREENSHOTS=1 (`make screenshots`) it writes them into docs/.

import (
	"bytes"
	"image"
	"image/color/palette"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// docsScreenshots are the views the README shows, by file name.
var docsScreenshots = []struct {
	file, hash, wait string
}{
	{"explorer-neighbourhood.png", "#entity=soviet-union&depth=2", drawnJS("croatia")},
	{"explorer-arabic.png", "#lang=ar&entity=sfr-yugoslavia", drawnJS("soviet-union")},
	{"explorer-compare.png", "#mode=compare&entity=sfr-yugoslavia&compare=1948,1956", `document.querySelector('[data-testid="compare-added"]') !== null`},
	{"explorer-path.png", "#mode=path&from=croatia&to=russian-federation", cyJS + `.nodes().length === 4`},
}

// paletted re-encodes a screenshot with 256 colours (Plan 9's palette,
// nearest colour, no dithering): a page of flat colours loses little, and
// the file is a third of the size.
func paletted(t *testing.T, img image.Image) []byte {
	t.Helper()
	p := image.NewPaletted(img.Bounds(), palette.Plan9)
	draw.Draw(p, p.Rect, img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, p); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// maxScreenshotBytes keeps the repository small.
const maxScreenshotBytes = 250 << 10

func TestDocsScreenshots(t *testing.T) {
	for _, s := range docsScreenshots {
		t.Run(s.file, func(t *testing.T) {
			requireBrowserSetup(t)
			// A smaller window than the tests' keeps the files small.
			p := openPageSized(t, startServer(t), "/"+s.hash, 1280, 880)
			p.waitReady()
			p.waitFor("the view", s.wait)
			saveDocsScreenshot(t, p, s.file)
		})
	}
}

// saveDocsScreenshot takes the page's picture for the README: into
// test-artifacts/ on every run, into docs/ with KG_UPDATE_SCREENSHOTS set.
func saveDocsScreenshot(t *testing.T, p *page, file string) {
	t.Helper()
	update := os.Getenv("KG_UPDATE_SCREENSHOTS") != ""
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	buf = paletted(t, img)
	dir := artifactsDir
	if update {
		dir = filepath.Join("..", "docs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, file), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(buf) > maxScreenshotBytes {
		t.Errorf("%s is %d KiB, more than %d KiB", file, len(buf)>>10, maxScreenshotBytes>>10)
	}
	// The committed picture exists (the README shows it).
	if _, err := os.Stat(filepath.Join("..", "docs", file)); err != nil {
		t.Errorf("docs/%s is missing: run `make screenshots` and commit it", file)
	}
}

// TestDocsScreenshotsOfTheEditor takes docs/explorer-editor.png: an editor
// signed in on Croatia, whose English label was changed elsewhere while it
// was being edited, so that the conflict shows next to the field.
func TestDocsScreenshotsOfTheEditor(t *testing.T) {
	srv := startEditableServer(t)
	p := openPageSized(t, srv, "/#entity=croatia", 1280, 880)
	p.waitCroatia()
	p.signInOnCroatia()
	p.typeInto(enLabel+` input`, "Republic of Croatia")
	renameElsewhere(t, srv, "Croatia (renamed elsewhere)")
	p.click(enLabel + ` [data-testid="label-save"]`)
	p.waitFor("the conflict", `document.querySelector('`+enLabel+` [data-error-for="text"]')?.dataset.kind === 'conflict'`)
	// The panel scrolls to the editor's labels, as the editor sees them.
	p.do(evalAction(`document.querySelector('[data-testid="edit-labels"]').scrollIntoView({ block: 'start' })`))
	saveDocsScreenshot(t, p, "explorer-editor.png")
}
