package httpapi

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit bounds the requests of each client, a token bucket per client
// address (golang.org/x/time/rate).
type RateLimit struct {
	// PerSecond is the sustained rate each client may send; 0 turns rate
	// limiting off.
	PerSecond float64
	// Burst is how many requests a client may send at once above the rate.
	Burst int
	// TrustedProxies are the proxies whose X-Forwarded-For is believed: a
	// request from one of them is counted against the address it
	// forwarded for. From anyone else the header is ignored, since a
	// client could name any address in it.
	TrustedProxies []netip.Prefix
}

// rateLimiter is RateLimit's state: one bucket per client, dropped after
// idleAfter without requests.
type rateLimiter struct {
	cfg     RateLimit
	mu      sync.Mutex
	clients map[netip.Addr]*clientBucket
	swept   time.Time
}

type clientBucket struct {
	limiter *rate.Limiter
	seen    time.Time
}

const idleAfter = 10 * time.Minute

// limitRate answers 429 with Retry-After and a RATE_LIMITED error to a
// client over its rate. Health checks and metrics are never limited.
func limitRate(rl *rateLimiter, next http.Handler) http.Handler {
	if rl == nil {
		return next
	}
	cfg := rl.cfg
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		if wait := rl.wait(clientKey(clientAddr(r, cfg.TrustedProxies)), time.Now()); wait > 0 {
			seconds := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(seconds))
			writeCodedError(w, r, http.StatusTooManyRequests, codeRateLimited,
				fmt.Sprintf("too many requests from your address; retry in %d s", seconds))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newRateLimiter is cfg's limiter, or nil when rate limiting is off. The
// same limiter counts requests and the operations sent over WebSocket
// connections, which are not requests.
func newRateLimiter(cfg RateLimit) *rateLimiter {
	if cfg.PerSecond <= 0 {
		return nil
	}
	return &rateLimiter{cfg: cfg, clients: map[netip.Addr]*clientBucket{}}
}

// wait takes a token from the client's bucket, or says how long until one
// is there.
func (rl *rateLimiter) wait(client netip.Addr, now time.Time) time.Duration {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if now.Sub(rl.swept) > idleAfter {
		for addr, b := range rl.clients {
			if now.Sub(b.seen) > idleAfter {
				delete(rl.clients, addr)
			}
		}
		rl.swept = now
	}
	b := rl.clients[client]
	if b == nil {
		b = &clientBucket{limiter: rate.NewLimiter(rate.Limit(rl.cfg.PerSecond), max(rl.cfg.Burst, 1))}
		rl.clients[client] = b
	}
	b.seen = now
	res := b.limiter.ReserveN(now, 1)
	if delay := res.DelayFrom(now); delay > 0 {
		res.CancelAt(now)
		return delay
	}
	return 0
}

// clientAddr is the address a request counts against: the peer's, or,
// when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one.
func clientAddr(r *http.Request, trusted []netip.Prefix) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	peer = peer.Unmap()
	if !isTrusted(peer, trusted) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a malformed hop: trust nothing before it
		}
		if addr = addr.Unmap(); !isTrusted(addr, trusted) {
			return addr
		}
	}
	return peer
}

// clientKey is the bucket a client address counts against: the address
// itself for IPv4, its /64 for IPv6, since one host usually holds a whole
// /64 and could otherwise use a fresh address for every request.
func clientKey(addr netip.Addr) netip.Addr {
	if addr.Is6() {
		return netip.PrefixFrom(addr, 64).Masked().Addr()
	}
	return addr
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
