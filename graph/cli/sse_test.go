package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// event is one result a subscription streamed, and when it arrived.
type event struct {
	at      time.Time
	payload answer
}

// subscribeSSE starts a GraphQL subscription over server-sent events (a
// POST that accepts text/event-stream) and returns the results as they
// arrive. The stream has begun when it returns; it ends with the test.
func subscribeSSE(t *testing.T, base, query string, vars map[string]any) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		defer resp.Body.Close()
		var a answer
		_ = json.NewDecoder(resp.Body).Decode(&a)
		t.Fatalf("subscription: status %d, Content-Type %q, %s", resp.StatusCode, resp.Header.Get("Content-Type"), a)
	}
	events := make(chan event, 100)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		lines := bufio.NewScanner(resp.Body)
		lines.Buffer(make([]byte, 0, 64<<10), 16<<20)
		name := ""
		for lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:") && name == "next":
				e := event{at: time.Now()}
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data:")), &e.payload); err != nil {
					e.payload.Errors = []answerError{{Message: "not JSON: " + line}}
				}
				select {
				case events <- e:
				case <-ctx.Done():
					return
				}
			case line == "":
				name = ""
			}
		}
	}()
	return events
}
