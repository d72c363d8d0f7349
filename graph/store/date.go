package store

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// PartialDate is a calendar date known to a year, a month or a day:
// "1955", "1940-06" or "1955-06-02". It stands for the whole period it names,
// so "1955" covers 1955-01-01 through 1955-12-31 in every comparison.
type PartialDate struct {
	// Year is the four-digit year (1 to 9999).
	Year int
	// Month is 1 to 12, or 0 when only the year is known.
	Month int
	// Day is 1 to 31, or 0 when the day is not known.
	Day int
}

// ParsePartialDate parses a date of DateForm: YYYY, YYYY-MM or YYYY-MM-DD.
// Any other form, or a day that its month does not have, is an EINVALID
// error.
func ParsePartialDate(s string) (PartialDate, error) {
	if !DateForm.Match(s) {
		return PartialDate{}, Errorf(EINVALID, "invalid date %q: use %s, with a month from 01 to 12 and a day from 01 to 31", s, DateForms)
	}
	// The form fixes where each part is: YYYY-MM-DD.
	d := PartialDate{}
	d.Year, _ = strconv.Atoi(s[:4])
	if len(s) > 4 {
		d.Month, _ = strconv.Atoi(s[5:7])
	}
	if len(s) > 7 {
		d.Day, _ = strconv.Atoi(s[8:10])
	}
	if d.Year < 1 {
		return PartialDate{}, Errorf(EINVALID, "invalid date %q: year must be 0001 or later", s)
	}
	if d.Day > daysIn(d.Year, d.Month) {
		return PartialDate{}, Errorf(EINVALID, "invalid date %q: %04d-%02d has no day %02d", s, d.Year, d.Month, d.Day)
	}
	return d, nil
}

// MustParsePartialDate is ParsePartialDate for literals known to be valid.
func MustParsePartialDate(s string) PartialDate {
	d, err := ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String renders the date with its own precision.
func (d PartialDate) String() string {
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// Precision names how much of the date is known: "year", "month" or "day".
func (d PartialDate) Precision() string {
	switch {
	case d.Month == 0:
		return "year"
	case d.Day == 0:
		return "month"
	default:
		return "day"
	}
}

// First is the first day the date covers, as the integer YYYYMMDD. Integers
// of that form sort chronologically, which lets every backend compare dates
// with plain integer comparisons.
func (d PartialDate) First() int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return d.Year*10000 + m*100 + day
}

// Last is the last day the date covers, as the integer YYYYMMDD.
func (d PartialDate) Last() int {
	switch {
	case d.Month == 0:
		return d.Year*10000 + 1231
	case d.Day == 0:
		return d.Year*10000 + d.Month*100 + daysIn(d.Year, d.Month)
	default:
		return d.First()
	}
}

// MarshalJSON writes the date as a JSON string.
func (d PartialDate) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a JSON string in one of the three accepted forms.
func (d *PartialDate) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "a date must be a string such as \"1955\" or \"1955-06-02\"")
	}
	p, err := ParsePartialDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalGQL writes the date as a GraphQL string (the PartialDate scalar).
func (d PartialDate) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) }

// UnmarshalGQL reads the PartialDate scalar from a GraphQL string.
func (d *PartialDate) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(EINVALID, "a PartialDate must be a string such as \"1955\", \"1955-06\" or \"1955-06-02\"")
	}
	p, err := ParsePartialDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
