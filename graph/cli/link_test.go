package cli

import (
	"io"
	"net"
	"sync"
	"testing"
)

// link stands between the server and Neo4j: a TCP forwarder that a test
// can cut (connections dropped, new ones refused, as when Neo4j dies),
// black-hole (connections accepted and never answered, as when a network
// drops packets) and restore.
type link struct {
	t      *testing.T
	addr   string
	target string

	mu    sync.Mutex
	ln    net.Listener
	hole  bool
	conns []net.Conn
	wg    sync.WaitGroup
}

// newLink forwards a free local port to target until the test ends.
func newLink(t *testing.T, target string) *link {
	l := &link{t: t, addr: "127.0.0.1:" + freePort(t), target: target}
	l.restore()
	t.Cleanup(func() {
		l.cut()
		l.wg.Wait()
	})
	return l
}

// cut drops every connection and stops listening: connecting is refused.
func (l *link) cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ln != nil {
		l.ln.Close()
		l.ln = nil
	}
	l.dropLocked()
}

// blackHole drops every connection; new ones are accepted and then
// neither forwarded nor answered.
func (l *link) blackHole() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hole = true
	l.dropLocked()
}

// restore forwards again: listening if cut, forwarding if black-holed.
func (l *link) restore() {
	l.t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hole {
		l.hole = false
		l.dropLocked()
	}
	if l.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", l.addr)
	if err != nil {
		l.t.Fatal(err)
	}
	l.ln = ln
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			l.serve(in)
		}
	}()
}

func (l *link) dropLocked() {
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}

// serve forwards one accepted connection, or holds it in a black hole.
func (l *link) serve(in net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.conns = append(l.conns, in)
	if l.hole {
		return
	}
	out, err := net.Dial("tcp", l.target)
	if err != nil {
		in.Close()
		return
	}
	l.conns = append(l.conns, out)
	l.wg.Add(2)
	go func() { defer l.wg.Done(); _, _ = io.Copy(out, in); out.Close() }()
	go func() { defer l.wg.Done(); _, _ = io.Copy(in, out); in.Close() }()
}
