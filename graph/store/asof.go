package store

import (
	"fmt"
	"io"
	"strconv"
	"time"
)

// AsOf names a moment of the graph's own record: right after the change
// with sequence number Seq, or, when Seq is 0, after the last change
// committed at or before Time. Reads as of a moment are answered from the
// change log (see Undo).
type AsOf struct {
	// Seq is a change's Seq, or 0 when Time names the moment.
	Seq int64
	// Time is the moment, when Seq is 0.
	Time time.Time
}

// ParseAsOf reads a change's seq ("42") or an RFC 3339 time.
func ParseAsOf(s string) (AsOf, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return AsOf{}, Errorf(EINVALID, "asOf %q: a change's seq is 0 or more", s)
		}
		return AsOf{Seq: n}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return AsOf{}, Errorf(EINVALID, "asOf %q is neither a change's seq (such as \"42\") nor an RFC 3339 time (such as \"2026-11-24T09:00:00Z\")", s)
	}
	return AsOf{Time: t.UTC()}, nil
}

// String writes the moment as ParseAsOf reads it.
func (a AsOf) String() string {
	if a.Seq > 0 || a.Time.IsZero() {
		return strconv.FormatInt(a.Seq, 10)
	}
	return a.Time.Format(time.RFC3339Nano)
}

// UnmarshalGQL implements graphql.Unmarshaler.
func (a *AsOf) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(EINVALID, "asOf must be a string: a change's seq or an RFC 3339 time")
	}
	parsed, err := ParseAsOf(s)
	if err != nil {
		return err
	}
	*a = parsed
	return nil
}

// MarshalGQL implements graphql.Marshaler.
func (a AsOf) MarshalGQL(w io.Writer) { fmt.Fprint(w, strconv.Quote(a.String())) }
