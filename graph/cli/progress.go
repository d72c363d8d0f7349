package cli

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/term"
)

// Progress shows how far a task over a known number of elements has come:
// a bar redrawn in place on a terminal, and a plain line per update
// anywhere else (a log, a CI job, a pipe), where a redrawn bar is noise.
type Progress struct {
	w     io.Writer
	verb  string // "imported", "compared"
	tty   bool
	width int // the terminal's columns
	drawn bool
}

// NewProgress returns a Progress writing to w, which it draws a bar on when
// w is a terminal. verb says what was done to the elements counted.
func NewProgress(w io.Writer, verb string) *Progress {
	p := &Progress{w: w, verb: verb}
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
		p.width, _, _ = term.GetSize(int(f.Fd()))
	}
	return p
}

// Update reports that done of total elements are done.
func (p *Progress) Update(done, total int) {
	text := fmt.Sprintf("%s %d/%d elements", p.verb, done, total)
	if !p.tty {
		fmt.Fprintln(p.w, text)
		return
	}
	fmt.Fprint(p.w, "\r"+bar(done, total, p.width-len(text)-8)+" "+text)
	p.drawn = true
}

// Finish ends the bar's line, so that what follows starts on a line of its own.
func (p *Progress) Finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// bar draws "[=====>    ]  45%" in about width columns.
func bar(done, total, width int) string {
	width = min(max(width, 10), 50)
	frac := 1.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	full := int(frac * float64(width))
	b := strings.Repeat("=", full)
	if full < width {
		b += ">" + strings.Repeat(" ", width-full-1)
	}
	return fmt.Sprintf("[%s] %3d%%", b, int(frac*100))
}
