package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// The API keys of the write tests, as KG_API_KEYS takes them.
const (
	editorKey  = "secret-of-the-crash-editor"
	editorKeys = "crash-editor:editor:" + editorKey
)

// answer is a GraphQL response as a client sees it.
type answer struct {
	Status     int
	Data       json.RawMessage
	Errors     []answerError
	Extensions map[string]json.RawMessage
}

// answerError is one entry of a response's errors.
type answerError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// code is the extensions.code of the answer's first error, "" for none.
func (a answer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	c, _ := a.Errors[0].Extensions["code"].(string)
	return c
}

// acknowledged reports whether a write was acknowledged: a 200 with data
// and no errors.
func (a answer) acknowledged() bool {
	return a.Status == http.StatusOK && len(a.Errors) == 0 && len(a.Data) > 0 && string(a.Data) != "null"
}

// String shows the answer in a failure message.
func (a answer) String() string {
	errs, _ := json.Marshal(a.Errors)
	return fmt.Sprintf("status %d, data %.300s, errors %.500s", a.Status, a.Data, errs)
}

// client sends GraphQL operations to one server, as a bearer of token
// when it is not "".
type client struct {
	base  string
	token string
	http  *http.Client
}

func newClient(base, token string) *client {
	return &client{base: base, token: token, http: &http.Client{Timeout: 30 * time.Second}}
}

// post sends one operation with extra request headers. An error is a
// failure at the transport: no answer came.
func (c *client) post(query string, vars map[string]any, header http.Header) (answer, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return answer{}, err
	}
	req, err := http.NewRequest(http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	a := answer{Status: resp.StatusCode}
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("status %d, not a GraphQL answer: %.300s", resp.StatusCode, raw)
	}
	return a, nil
}

// must sends an operation that must succeed and decodes its data into out.
func (c *client) must(t *testing.T, query string, vars map[string]any, out any) answer {
	t.Helper()
	a, err := c.post(query, vars, nil)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if !a.acknowledged() {
		t.Fatalf("%s: %s", query, a)
	}
	if out != nil {
		if err := json.Unmarshal(a.Data, out); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	return a
}

// The write operations of the tests.
const (
	createEntityOp   = `mutation($e: EntityInput!) { createEntity(entity: $e) { entity { id version } change { seq } } }`
	updateEntityOp   = `mutation($v: Int!, $e: EntityInput!) { updateEntity(version: $v, entity: $e) { entity { id version } change { seq } } }`
	createRelationOp = `mutation($r: RelationInput!) { createRelation(relation: $r) { relation { id version } change { seq } } }`
)

// entityInput is an EntityInput: an event named label, cited to a source
// of the seed.
func entityInput(id, label string) map[string]any {
	return map[string]any{"id": id, "kind": "event",
		"labels":  []map[string]any{{"lang": "en", "text": label}},
		"sources": []map[string]any{{"source": "reference-dates"}}}
}

// relationInput is a RelationInput between two entities, cited to a source
// of the seed.
func relationInput(id, from, to string) map[string]any {
	return map[string]any{"id": id, "type": "HISTORICAL_TIES", "from": from, "to": to,
		"sources": []map[string]any{{"source": "reference-names"}}}
}

// written is what a createEntity, updateEntity or createRelation answered.
type written struct {
	Entity *struct {
		ID      string
		Version int64
	} `json:"entity"`
	Relation *struct {
		ID      string
		Version int64
	} `json:"relation"`
	Change *struct{ Seq int64 } `json:"change"`
}

// decodeWritten reads the payload of the one mutation of an answer.
func decodeWritten(a answer) (written, error) {
	var data map[string]written
	if err := json.Unmarshal(a.Data, &data); err != nil {
		return written{}, err
	}
	for _, w := range data {
		return w, nil
	}
	return written{}, fmt.Errorf("no payload in %s", a.Data)
}

// mustWritten is decodeWritten for an acknowledged write, which must carry
// its change-log entry.
func mustWritten(t *testing.T, a answer) written {
	t.Helper()
	w, err := decodeWritten(a)
	if err != nil || w.Change == nil {
		t.Fatalf("an acknowledged write without its change: %s (%v)", a, err)
	}
	return w
}
