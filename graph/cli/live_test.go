package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kgraph/graph/live/livetest"
)

// TestServeAnnouncesWritesAndEndsSubscriptionsOnShutdown: kgraph serve
// runs the change-log follower: a subscriber sees an editor's write, and
// stopping the server ends the subscription, saying so, and stops.
func TestServeAnnouncesWritesAndEndsSubscriptionsOnShutdown(t *testing.T) {
	const key = "serve-editor-key-0123456789"
	base, logs, stop := startServer(t, map[string]string{
		"KG_DATA_FILE": filepath.Join(t.TempDir(), "graph.db"), "KG_API_KEYS": "ed:editor:" + key, "KG_LIVE_INTERVAL": "50ms",
	})
	events := livetest.SubscribeSSE(t, base+"/graphql", `subscription { graphChanged { change { action } entities { id } } }`)
	// The subscription is registered once its operation runs: write until
	// it sees a write (each one a new alias, so that each changes the graph).
	body := func(i int) []byte {
		b, _ := json.Marshal(map[string]string{"query": `mutation { addAlias(id: "croatia", alias: {lang: "en", text: "Alias ` + string(rune('a'+i)) + `"}) { change { seq } } }`})
		return b
	}
	var got []byte
	for i := 0; got == nil && i < 20; i++ {
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body(i)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		select {
		case got = <-events:
		case <-time.After(500 * time.Millisecond):
		}
	}
	if !strings.Contains(string(got), `"action":"addAlias"`) || !strings.Contains(string(got), `"id":"croatia"`) {
		t.Fatalf("the event: %s\n%s", got, logs)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	var last []byte
	for e := range events {
		last = e
	}
	if !strings.Contains(string(last), "shutting down") && !strings.Contains(string(last), "STREAM_ENDED") {
		t.Fatalf("the subscription's last event: %s", last)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
}
