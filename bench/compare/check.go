package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"kgraph/bench/internal/mix"
)

// checkAnswers asks every system each operation of the mix once and
// fails unless all give the same answer, and an answer with something in
// it: a benchmark of servers that disagree, or that all find nothing,
// would compare nothing.
func checkAnswers(client *http.Client, systems []System, a mix.Args) error {
	var problems []error
	for _, op := range mix.Operations {
		var want []byte
		for i, sys := range systems {
			ans, err := ask(client, sys, op, a)
			if err != nil {
				problems = append(problems, fmt.Errorf("%s (%s): %w", op, sys.Key, err))
				continue
			}
			got, _ := json.Marshal(ans)
			if i == 0 {
				want = got
				if err := substantial(op, ans, a); err != nil {
					problems = append(problems, fmt.Errorf("%s (%s): %w: %s", op, sys.Key, err, got))
				}
				continue
			}
			if !bytes.Equal(got, want) {
				problems = append(problems, fmt.Errorf("%s: %s answers %s, %s answers %s", op, systems[0].Key, want, sys.Key, got))
			}
		}
	}
	return errors.Join(problems...)
}

// ask sends one request and reads its answer.
func ask(client *http.Client, sys System, op string, a mix.Args) (any, error) {
	t := sys.dialect.target(sys.URL, op, a)
	req, err := t.Request()
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, body)
	}
	return sys.dialect.answer(op, body)
}

// substantial fails an answer that is empty where the arguments promise
// something.
func substantial(op string, ans any, a mix.Args) error {
	b, _ := json.Marshal(ans)
	var v any
	_ = json.Unmarshal(b, &v)
	switch op {
	case mix.Q1:
		if m, ok := v.(map[string]any); !ok || m["id"] != a.Entity {
			return errors.New("not the entity asked for")
		}
	case mix.Q4:
		if l, ok := v.([]any); !ok || len(l) != 4 {
			return errors.New("not a path of 4 relations")
		}
	default:
		if l, ok := v.([]any); !ok || len(l) == 0 || (op == mix.Q3 && len(l) < 2) {
			return errors.New("empty")
		}
	}
	return nil
}
