package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestLoadHarness runs the harness briefly against the in-process server:
// every request of the mix must succeed.
func TestLoadHarness(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-rate", "50", "-duration", "1s", "-json"}, &out); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Requests < 40 || rep.Success != 1 || rep.P99 <= 0 || rep.P99 > 5*time.Second {
		t.Fatalf("report %+v", rep)
	}
}

func TestRefusesRemoteTargets(t *testing.T) {
	for _, u := range []string{"http://10.0.0.1:8080", "http://example.org", "http://192.168.1.2"} {
		if err := run([]string{"-url", u, "-duration", "1s"}, &bytes.Buffer{}); err == nil {
			t.Errorf("%s accepted as a load target", u)
		}
	}
}
