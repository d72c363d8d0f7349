package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"kgraph/graph/store"
)

// element is one element of a section, as the scanner meets it.
type element struct {
	section string
	index   int // 0-based position in its section
	line    int // line of its first character
	raw     json.RawMessage
}

// scanner walks the structure of a dataset file with a streaming decoder
// and hands each element of the sections it wants to visit, one at a time.
// Everything but the elements (the top-level fields, the vocabulary
// object) is kept as the file's skeleton, with each section emptied, for
// the schema to check.
type scanner struct {
	file  string
	want  func(section string) bool
	visit func(element) error

	lines    *lineCounter
	dec      *json.Decoder
	skeleton any
	keyLines map[string]int // JSON pointer of a skeleton field -> line of its key
	order    []string       // the sections, in the order the file gives them
	counts   map[string]int // elements per section
	problems []Problem      // problems with the document's structure
	broken   bool           // the JSON is malformed: nothing after the problem was read
	stop     error          // why visit stopped the scan
}

// errStopped is what the scanner's own functions return when visit failed.
var errStopped = errors.New("scan stopped")

// scan reads a dataset file from r, calling visit for each element of the
// sections want names, in file order. Problems with the file's structure
// are the scanner's; the error is visit's, or a failure to read.
func scan(r io.Reader, file string, want func(string) bool, visit func(element) error) (*scanner, error) {
	lc := &lineCounter{r: r}
	s := &scanner{
		file: file, want: want, visit: visit,
		lines: lc, dec: json.NewDecoder(lc),
		keyLines: map[string]int{}, counts: map[string]int{},
	}
	s.dec.UseNumber() // the skeleton keeps numbers as the schema validator wants them
	err := s.document()
	switch {
	case err == nil:
	case errors.Is(err, errStopped):
		return s, s.stop
	case isSyntaxError(err):
		s.broken = true
		s.fail("", syntaxMessage(err), s.offsetOf(err))
	default:
		return s, fmt.Errorf("read %s: %w", file, err)
	}
	return s, nil
}

func (s *scanner) document() error {
	tok, err := s.dec.Token()
	if err == io.EOF {
		s.broken = true
		s.fail("", "the file is empty; a dataset is a JSON object", 0)
		return nil
	}
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		s.skeleton, err = s.rest(tok)
		return err
	}
	top := map[string]any{}
	s.skeleton = top
	err = s.members("", top, func(key string) (bool, error) {
		switch {
		case key == store.VocabularyField:
			return true, s.vocabulary(top)
		case slices.Contains(store.Sections, key) && !slices.Contains(store.VocabularySections, key):
			return true, s.section(key, top)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if _, err := s.dec.Token(); err != io.EOF {
		s.broken = true
		s.fail("", "unexpected data after the top-level object", s.dec.InputOffset())
	}
	return nil
}

func (s *scanner) vocabulary(top map[string]any) error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		top[store.VocabularyField], err = s.rest(tok)
		return err
	}
	voc := map[string]any{}
	top[store.VocabularyField] = voc
	return s.members("/"+store.VocabularyField, voc, func(key string) (bool, error) {
		if slices.Contains(store.VocabularySections, key) {
			return true, s.section(key, voc)
		}
		return false, nil
	})
}

// members reads the members of an object whose '{' has been read, and its
// '}'. A key that special handles is its business; any other value goes
// into obj as it is.
func (s *scanner) members(path string, obj map[string]any, special func(key string) (bool, error)) error {
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string)
		ptr := path + "/" + key
		line := s.lines.lineAt(s.dec.InputOffset())
		if _, dup := obj[key]; dup {
			s.problems = append(s.problems, s.problem(ptr, line, "given twice; give each field once"))
			if err := skipValue(s.dec); err != nil {
				return err
			}
			continue
		}
		s.keyLines[ptr] = line
		handled, err := special(key)
		if err != nil {
			return err
		}
		if !handled {
			var v any
			if err := s.dec.Decode(&v); err != nil {
				return err
			}
			obj[key] = v
		}
	}
	_, err := s.dec.Token() // '}'
	return err
}

// section reads one section's array, handing each element to visit when
// the section is wanted.
func (s *scanner) section(name string, parent map[string]any) error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		parent[name], err = s.rest(tok)
		return err
	}
	parent[name] = []any{}
	s.order = append(s.order, name)
	for i := 0; s.dec.More(); i++ {
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return err
		}
		s.counts[name]++
		if !s.want(name) {
			continue
		}
		// The decoder has just read past the element's last byte.
		line := s.lines.lineAt(s.dec.InputOffset() - int64(len(raw)))
		if err := s.visit(element{section: name, index: i, line: line, raw: raw}); err != nil {
			s.stop = err
			return errStopped
		}
	}
	_, err = s.dec.Token() // ']'
	return err
}

// rest reads the remainder of a value whose first token is tok, where the
// structure wanted something else, and returns a stand-in of the same JSON
// type for the schema to complain about.
func (s *scanner) rest(tok json.Token) (any, error) {
	switch tok {
	case json.Delim('{'), json.Delim('['):
		for depth := 1; depth > 0; {
			t, err := s.dec.Token()
			if err != nil {
				return nil, err
			}
			switch t {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
		}
		if tok == json.Delim('{') {
			return map[string]any{}, nil
		}
		return []any{}, nil
	}
	return tok, nil
}

// checkSkeleton validates the skeleton against the schema. Call it after
// the scan: the skeleton is complete only then.
func (s *scanner) checkSkeleton() {
	if s.broken {
		return
	}
	for _, v := range compiled().validate(compiled().root, s.skeleton) {
		ptr := ""
		for _, tok := range v.path {
			ptr += "/" + tok
		}
		// The line of the deepest field the file gives, or of the file's start.
		line := 1
		for p := ptr; p != ""; p = p[:strings.LastIndex(p, "/")] {
			if l, ok := s.keyLines[p]; ok {
				line = l
				break
			}
		}
		s.problems = append(s.problems, s.problem(ptr, line, v.message))
	}
}

// problem is a problem with the document as a whole, at a JSON pointer.
func (s *scanner) problem(ptr string, line int, message string) Problem {
	return Problem{
		Problem: store.Problem{Section: Document, Index: -1, Field: fieldPath(strings.Split(strings.TrimPrefix(ptr, "/"), "/")), Message: message},
		File:    s.file, Line: line,
	}
}

func (s *scanner) fail(ptr, message string, offset int64) {
	s.problems = append(s.problems, s.problem(ptr, s.lines.lineAt(offset), message))
}

func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	// Past the first token, the end of the input is a document cut short.
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

func (s *scanner) offsetOf(err error) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Offset
	}
	return s.dec.InputOffset()
}

func syntaxMessage(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the file ends before the JSON document does"
	}
	return "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}
