package dataset

import (
	"bytes"
	"io"
)

// lineCounter passes a stream through and turns byte offsets into line
// numbers. It remembers only the newlines that have been read but not yet
// asked about, so its memory stays as small as the reader's buffer however
// long the file is; the price is that offsets must be asked about in
// increasing order, which is the order a streaming parser meets them in.
type lineCounter struct {
	r        io.Reader
	read     int64   // bytes passed through so far
	newlines []int64 // offsets of the newlines not yet passed by lineAt
	line     int     // newlines already passed by lineAt
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		c.newlines = append(c.newlines, c.read+int64(i+j))
		i += j + 1
	}
	c.read += int64(n)
	return n, err
}

// lineAt returns the 1-based line of the byte at offset off. An offset
// below one asked about before gets the line of that earlier offset.
func (c *lineCounter) lineAt(off int64) int {
	i := 0
	for i < len(c.newlines) && c.newlines[i] < off {
		i++
	}
	c.line += i
	c.newlines = c.newlines[i:]
	return c.line + 1
}
