package dataset

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
)

// duplicateKeys returns the path of every key given twice in one object
// anywhere within raw, such as {"en": "a", "en": "b"}, which decoding would
// silently collapse to its last value. raw must be well-formed JSON (the
// scanner has decoded it); it is read byte by byte rather than token by
// token because this runs on every element of every file.
func duplicateKeys(raw []byte) [][]string {
	type frame struct {
		object    bool
		expectKey bool
		keys      []string // an object's keys so far; objects here are small
		index     int      // an array's current index
	}
	var stack []*frame
	var dups [][]string
	path := func(key string) []string {
		p := make([]string, 0, len(stack))
		for _, f := range stack[:len(stack)-1] {
			if f.object {
				p = append(p, f.keys[len(f.keys)-1])
			} else {
				p = append(p, strconv.Itoa(f.index))
			}
		}
		return append(p, key)
	}
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			stack = append(stack, &frame{object: true, expectKey: true})
		case '[':
			stack = append(stack, &frame{})
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if top := stack[len(stack)-1]; top.object {
				top.expectKey = true
			} else {
				top.index++
			}
		case '"':
			end := endOfString(raw, i)
			if top := len(stack) - 1; top >= 0 && stack[top].object && stack[top].expectKey {
				f := stack[top]
				key := unquote(raw[i : end+1])
				if slices.Contains(f.keys, key) {
					dups = append(dups, path(key))
				}
				f.keys = append(f.keys, key)
				f.expectKey = false
			}
			i = end
		}
	}
	return dups
}

// endOfString returns the index of the quote that ends the JSON string
// starting at raw[start].
func endOfString(raw []byte, start int) int {
	for i := start + 1; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(raw) - 1
}

func unquote(quoted []byte) string {
	if !bytes.ContainsRune(quoted, '\\') {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	_ = json.Unmarshal(quoted, &s)
	return s
}
