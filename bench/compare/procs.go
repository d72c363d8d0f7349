package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// procSpec is a server the harness starts.
type procSpec struct {
	name        string
	env         []string
	cmd         []string
	ready       string            // a URL that answers 200 once the server can serve
	readyHeader map[string]string // headers the readiness request needs
}

// processes are the servers the harness started, stopped at the end.
type processes []*exec.Cmd

func (ps *processes) start(s procSpec, logDir string) error {
	log, err := os.Create(filepath.Join(logDir, s.name+".log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(s.cmd[0], s.cmd[1:]...)
	cmd.Env = append(os.Environ(), s.env...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.name, err)
	}
	*ps = append(*ps, cmd)
	return nil
}

// stopAll asks each server to stop, and kills those still running after
// a grace period.
func (ps processes) stopAll() {
	for _, cmd := range ps {
		_ = cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, cmd := range ps {
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
}

// waitReady polls the server's readiness URL until it answers 200.
func waitReady(s procSpec, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	var last error = errors.New("no answer")
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest(http.MethodGet, s.ready, nil)
		for k, v := range s.readyHeader {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Errorf("status %d", resp.StatusCode)
		} else {
			last = err
		}
		time.Sleep(200 * time.Millisecond)
	}
	return last
}

// freePorts finds n TCP ports free on the loopback interface.
func freePorts(n int) ([]int, error) {
	var ports []int
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
