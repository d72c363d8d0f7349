package cli

import (
	"bytes"
	"testing"
)

func TestProgressWritesLinesWhenNotATerminal(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, "imported")
	p.Update(500, 1234)
	p.Update(1234, 1234)
	p.Finish()
	if got, want := b.String(), "imported 500/1234 elements\nimported 1234/1234 elements\n"; got != want {
		t.Fatalf("progress wrote %q, want %q", got, want)
	}
}

func TestBar(t *testing.T) {
	for _, tt := range []struct {
		done, total, width int
		want               string
	}{
		{0, 10, 10, "[>         ]   0%"},
		{5, 10, 10, "[=====>    ]  50%"},
		{10, 10, 10, "[==========] 100%"},
		{1, 3, 2, "[===>      ]  33%"},  // at least 10 columns
		{0, 0, 10, "[==========] 100%"}, // nothing to do is done
	} {
		if got := bar(tt.done, tt.total, tt.width); got != tt.want {
			t.Errorf("bar(%d, %d, %d) = %q, want %q", tt.done, tt.total, tt.width, got, tt.want)
		}
	}
}
