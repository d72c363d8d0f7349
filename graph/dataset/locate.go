package dataset

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// fieldPath renders a path within an element as its Problem.Field:
// "labels.en", "sources[1].paragraph".
func fieldPath(path []string) string {
	var b strings.Builder
	for _, tok := range path {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

// lineWithin returns how many lines into raw (0 for its first line) the
// value at path starts, or the deepest part of path that exists. For an
// object member it is the line of the key, which is what a person looks for.
func lineWithin(raw []byte, path []string) int {
	return bytes.Count(raw[:locate(raw, path)], []byte("\n"))
}

// locate returns the offset in raw just past the first token of the value
// at path (past the key, for an object member).
func locate(raw []byte, path []string) int64 {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var at int64
	for depth := 0; ; depth++ {
		tok, err := dec.Token()
		if err != nil {
			return at
		}
		at = dec.InputOffset()
		if depth == len(path) {
			return at
		}
		switch tok {
		case json.Delim('{'):
			found := false
			for !found && dec.More() {
				key, err := dec.Token()
				if err != nil {
					return at
				}
				if found = key == path[depth]; found {
					at = dec.InputOffset()
				} else if skipValue(dec) != nil {
					return at
				}
			}
			if !found || depth == len(path)-1 {
				return at
			}
		case json.Delim('['):
			want, err := strconv.Atoi(path[depth])
			if err != nil {
				return at
			}
			i := 0
			for ; i < want && dec.More(); i++ {
				if skipValue(dec) != nil {
					return at
				}
			}
			if i < want || !dec.More() {
				return at
			}
		default:
			return at
		}
	}
}

func skipValue(dec *json.Decoder) error {
	var raw json.RawMessage
	return dec.Decode(&raw)
}
