package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
	"sync"

	"kgraph/graph"
)

// requestIDHeader carries the request's id both ways: a well-formed one
// sent by a proxy is kept, so that its logs and ours line up; otherwise one
// is made. Every response carries it, and an INTERNAL error names it.
const requestIDHeader = "X-Request-Id"

var wellFormedRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,64}$`)

// requestInfo is what the access log says about a request beyond method,
// path and status; the GraphQL handler fills in the operation.
type requestInfo struct {
	id string

	mu        sync.Mutex
	operation string // the operation's name, if it has one
	queryHash string // sha256 of the query text, never the text itself
	cost      int    // the operation's complexity, once computed
	code      string // extensions.code of the first error, if any
	user      string // who a valid token named, if any
	role      string // and their role
}

type requestInfoKey struct{}

// identifyRequest gives every request an id and a requestInfo.
func identifyRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(requestIDHeader)
		if !wellFormedRequestID.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set(requestIDHeader, id)
		info := &requestInfo{id: id}
		ctx := context.WithValue(graph.WithRequestID(r.Context(), id), requestInfoKey{}, info)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// infoOf is the request's requestInfo; a throwaway one outside identifyRequest.
func infoOf(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

func (i *requestInfo) noteOperation(name, queryHash string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.operation, i.queryHash = name, queryHash
}

// noteUser names who the request came from, when a token named someone.
func (i *requestInfo) noteUser(name, role string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.user, i.role = name, role
}

func (i *requestInfo) noteCost(cost int) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.cost = cost
}

func (i *requestInfo) noteCode(code string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.code == "" {
		i.code = code
	}
}

// attrs are the log attributes the request has gathered.
func (i *requestInfo) attrs() []any {
	i.mu.Lock()
	defer i.mu.Unlock()
	out := []any{"request_id", i.id}
	if i.queryHash != "" {
		out = append(out, "operation", i.operation, "query_sha256", i.queryHash, "cost", i.cost)
	}
	if i.code != "" {
		out = append(out, "code", i.code)
	}
	if i.user != "" {
		out = append(out, "user", i.user, "role", i.role)
	}
	return out
}
