package web_test

// Live updates between pages: a change made in one page, or straight
// through the API, is redrawn in another page within a second; and a page
// whose connection drops says so, reconnects, and catches up with what
// changed while it was away.

import (
	"io"
	"net"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// liveBound is how soon another page must redraw a change: generous for a
// local server, since this checks the behaviour, not the speed.
const liveBound = time.Second

// waitLive waits until the page's live updates are connected.
func (p *page) waitLive() {
	p.t.Helper()
	p.waitFor("live updates", `document.querySelector('[data-testid="live-status"]')?.dataset.state === 'live'`)
}

// within waits at most d for a JavaScript expression to be truthy and
// fails the test otherwise; it returns how long it took.
func (p *page) within(d time.Duration, what, expr string) time.Duration {
	p.t.Helper()
	start := time.Now()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(d))); err != nil {
		p.screenshot("failure-" + safeName(p.t.Name()))
		p.t.Fatalf("%s did not happen within %s (%s): %v", what, d, expr, err)
	}
	return time.Since(start)
}

func TestLiveUpdatesReachAnotherPage(t *testing.T) {
	srv := startEditableServer(t)
	editor := openPageOn(t, srv, "/#entity=croatia")
	reader := openPageOn(t, srv, "/#entity=croatia")
	for _, p := range []*page{editor, reader} {
		p.waitCroatia()
		p.waitLive()
	}

	// A label saved in the editor's page is redrawn in the reader's.
	editor.signInOnCroatia()
	editor.typeInto(enLabel+` input`, "Croatia (renamed live)")
	editor.click(enLabel + ` [data-testid="label-save"]`)
	editor.waitFor("the save", cyJS+`.getElementById('croatia').data('label') === 'Croatia (renamed live)'`)
	took := reader.within(liveBound, "the rename in the other page", cyJS+`.getElementById('croatia').data('label') === 'Croatia (renamed live)'`)
	t.Logf("rename redrawn in the other page %s after the editor's page saw it saved", took)

	// A relation added straight through the API appears in both pages, and
	// disappears again when deleted.
	const id = "croatia-established-relations-slovenia-1992"
	graphql(t, srv, editorToken, `mutation { createRelation(relation: {id: "`+id+`", type: "ESTABLISHED_RELATIONS", from: "croatia", to: "slovenia", start: "1992",
		sources: [{source: "ar-wiki-soviet-yugoslav-relations", paragraph: 4, sentence: 1}]}) { relation { version } } }`, nil, nil)
	for _, p := range []*page{reader, editor} {
		took := p.within(liveBound, "the new relation and entity drawn", drawnJS(id)+` && `+drawnJS("slovenia"))
		t.Logf("added relation drawn %s after the mutation answered", took)
	}
	graphql(t, srv, editorToken, `mutation { deleteRelation(id: "`+id+`", version: 1) { deletedIds } }`, nil, nil)
	reader.within(liveBound, "the deleted relation gone", `!(`+drawnJS(id)+`) && !(`+drawnJS("slovenia")+`)`)
	if found := reader.seriousViolations(); len(found) > 0 {
		t.Errorf("axe-core finds serious violations with live updates on: %v", found)
	}
}

func TestLiveUpdatesReconnectAndCatchUp(t *testing.T) {
	srv := startEditableServer(t)
	proxy := newCuttableProxy(t, srv.Listener.Addr().String())
	p := openPageOn(t, &httptest.Server{URL: "http://" + proxy.addr()}, "/#entity=croatia")
	p.waitCroatia()
	p.waitLive()
	// The browser reports the refused reconnections; they are the point.
	p.expect("WebSocket connection to")

	proxy.cut(true)
	p.within(10*time.Second, "the status to say it is reconnecting", `document.querySelector('[data-testid="live-status"]').dataset.state === 'reconnecting'`)
	// While the page is away, Croatia is renamed: no announcement reaches it.
	renameElsewhere(t, srv, "Croatia (while away)")
	time.Sleep(500 * time.Millisecond)
	if label := p.nodeLabel("croatia"); label != "Croatia" {
		t.Fatalf("the page redrew %q while cut off", label)
	}

	proxy.cut(false)
	p.within(15*time.Second, "the status to say it is live again", `document.querySelector('[data-testid="live-status"]').dataset.state === 'live'`)
	p.within(5*time.Second, "the missed rename caught up", cyJS+`.getElementById('croatia').data('label') === 'Croatia (while away)'`)
	p.screenshot("live-reconnected")
}

// cuttableProxy forwards TCP connections to a server until it is cut:
// then it closes every open connection and refuses new ones, as a network
// that went away; uncut, it forwards again.
type cuttableProxy struct {
	ln net.Listener
	to string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]bool
}

func newCuttableProxy(t *testing.T, to string) *cuttableProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cuttableProxy{ln: ln, to: to, conns: map[net.Conn]bool{}}
	t.Cleanup(func() {
		ln.Close()
		p.cut(true)
	})
	go p.serve()
	return p
}

func (p *cuttableProxy) addr() string { return p.ln.Addr().String() }

func (p *cuttableProxy) serve() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			in.Close()
			continue
		}
		out, err := net.Dial("tcp", p.to)
		if err != nil {
			in.Close()
			continue
		}
		p.track(in, out)
		go p.pipe(in, out)
		go p.pipe(out, in)
	}
}

func (p *cuttableProxy) track(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		p.conns[c] = true
	}
}

func (p *cuttableProxy) pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
}

// cut closes every connection and refuses new ones (down), or lets them through again.
func (p *cuttableProxy) cut(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for c := range p.conns {
			c.Close()
		}
		clear(p.conns)
	}
}
