package store

import (
	"strconv"
	"testing"
)

// FuzzParsePartialDate checks that any text either parses to a date that
// prints back as the same text and covers a real, ordered span of days,
// or is refused as INVALID; never a panic.
func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{"1955", "1940-06", "2000-02", "1955-06-02", "1955-13", "0000", "9999-12-31", "1955-6-2", "", "١٩٥٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParsePartialDate(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: error %v is not INVALID", s, err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("%q parses to %q", s, d.String())
		}
		first, last := d.First(), d.Last()
		if first > last || first < 10101 || last > 99991231 {
			t.Fatalf("%q covers %d..%d", s, first, last)
		}
		for _, day := range []int{first, last} {
			if _, err := ParsePartialDate(dayString(day)); err != nil {
				t.Fatalf("%q covers %d, which is not a day: %v", s, day, err)
			}
		}
	})
}

// dayString is yyyymmdd as yyyy-mm-dd.
func dayString(day int) string {
	s := strconv.Itoa(day)
	for len(s) < 8 {
		s = "0" + s
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}
