package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestShutdownUnderLoad stops the server (as SIGTERM does: main cancels
// Run's context) while queries keep coming and one request is still being
// sent. The request in flight must be answered in full, new connections
// refused from then on, every query answered or refused (never cut off or
// failed), and Run must return nil: exit status 0.
func TestShutdownUnderLoad(t *testing.T) {
	base, logs, stop := startServer(t, map[string]string{
		"KG_DATA_FILE": filepath.Join(t.TempDir(), "g.db"), "KG_REQUEST_DEADLINE": "3s",
		"KG_RATE_LIMIT": "0", // the load comes from one client, faster than one client may send
	})
	addr := strings.TrimPrefix(base, "http://")
	l := startLoad(base, 4)
	time.Sleep(300 * time.Millisecond)

	// A request whose body is still coming when the server is told to stop.
	body := `{"query":"{ entity(id: \"croatia\") { id } }"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body[:10])
	time.Sleep(100 * time.Millisecond) // the server has read the headers: the request is under way

	stopped := make(chan error, 1)
	shutdownBegan := time.Now()
	go func() { stopped <- stop() }()
	refusedWhileInFlight := false
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			refusedWhileInFlight = refused(err)
			break
		}
		c.Close()
	}
	if !refusedWhileInFlight {
		t.Error("new connections were not refused once shutdown began")
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatalf("finishing the request in flight: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no response: %v", err)
	}
	var out struct {
		Data struct{ Entity struct{ ID string } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || out.Data.Entity.ID != "croatia" {
		t.Fatalf("the request in flight: status %d, %+v, %v", resp.StatusCode, out, err)
	}
	resp.Body.Close()

	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("Run returned %v after shutdown, want nil (exit 0)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no return within 15s of shutdown")
	}
	got := l.stop()
	answered := 0
	for _, o := range got {
		switch {
		case o.err != nil && refused(o.err):
		case o.err != nil && neverAccepted(o, shutdownBegan):
		case o.err != nil:
			t.Errorf("a query failed instead of being answered or refused: %v", o.err)
		case o.status != http.StatusOK || o.code != "":
			t.Errorf("a query got status %d, code %q", o.status, o.code)
		default:
			answered++
		}
	}
	if answered == 0 {
		t.Errorf("no query answered under load:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "grace=8s") {
		t.Errorf("the shutdown did not wait the deadline plus the margin:\n%s", logs)
	}
}

// refused reports whether err is a connection the server never accepted:
// refused, or reset while it waited in the closing listener's backlog.
// neverAccepted reports whether a failed request was one the server never
// took: sent on a connection that was still waiting in the kernel's
// accept queue when the server stopped listening, which the kernel then
// resets. Only a request sent once shutdown was under way can be that;
// one sent earlier was accepted and must be answered.
func neverAccepted(o outcome, shutdownBegan time.Time) bool {
	return !o.start.Before(shutdownBegan.Add(-50*time.Millisecond)) &&
		(errors.Is(o.err, io.EOF) || errors.Is(o.err, syscall.ECONNRESET))
}

func refused(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial" && (errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET))
}
