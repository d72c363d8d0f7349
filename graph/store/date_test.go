package store

import "testing"

func TestParsePartialDate(t *testing.T) {
	tests := []struct {
		in          string
		first, last int
		precision   string
		err         bool
	}{
		{in: "1955", first: 19550101, last: 19551231, precision: "year"},
		{in: "1940-06", first: 19400601, last: 19400630, precision: "month"},
		{in: "2000-02", first: 20000201, last: 20000229, precision: "month"},
		{in: "1900-02", first: 19000201, last: 19000228, precision: "month"},
		{in: "1955-06-02", first: 19550602, last: 19550602, precision: "day"},
		{in: "1955-13", err: true},
		{in: "1955-00", err: true},
		{in: "1955-02-30", err: true},
		{in: "1955-6-2", err: true},
		{in: "55", err: true},
		{in: "0000", err: true},
		{in: "1955-06-02T00:00:00Z", err: true},
		{in: "", err: true},
	}
	for _, tt := range tests {
		d, err := ParsePartialDate(tt.in)
		if tt.err {
			if ErrorCode(err) != EINVALID {
				t.Errorf("%q: err = %v, want EINVALID", tt.in, err)
			}
			continue
		}
		if err != nil || d.First() != tt.first || d.Last() != tt.last || d.Precision() != tt.precision || d.String() != tt.in {
			t.Errorf("%q = %v (%d..%d %s), %v", tt.in, d, d.First(), d.Last(), d.Precision(), err)
		}
	}
}

func TestInForce(t *testing.T) {
	p := func(s string) *PartialDate {
		if s == "" {
			return nil
		}
		d := MustParsePartialDate(s)
		return &d
	}
	tests := []struct {
		start, end, at string
		want           bool
	}{
		{"1949", "1949", "1949", true},
		{"1949", "1949", "1949-12-31", true},
		{"1949", "1949", "1950", false},
		{"1949", "1949", "1948", false},
		{"1953", "1955", "1955-06", true},
		{"", "1940", "1939", true},
		{"", "1940", "1941", false},
		{"1955", "", "2020", true},
		{"", "", "1000", true},
		{"1940-06", "1940-06", "1940", true},
		{"1940-06", "1940-06", "1940-07", false},
	}
	for _, tt := range tests {
		if got := InForce(p(tt.start), p(tt.end), *p(tt.at)); got != tt.want {
			t.Errorf("[%s, %s] at %s = %v, want %v", tt.start, tt.end, tt.at, got, tt.want)
		}
	}
}
