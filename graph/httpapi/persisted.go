package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// persistedQueries resolves extensions.persistedQuery.sha256Hash into the
// query text. With trusted documents, only the manifest's operations run,
// sent by hash or in full; without, it is Automatic Persisted Queries:
// a client sends the hash alone, and on PERSISTED_QUERY_NOT_FOUND sends it
// again with the text, which is remembered. Every mistake has its code.
type persistedQueries struct {
	// trusted maps the sha256 hex of each trusted document to its text; nil
	// when any query may run.
	trusted map[string]string
	// cache remembers texts sent with their hash (Automatic Persisted Queries).
	cache graphql.Cache[string]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persistedQueries{}

func (persistedQueries) ExtensionName() string                          { return "PersistedQueries" }
func (persistedQueries) Validate(schema graphql.ExecutableSchema) error { return nil }

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (p persistedQueries) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	hash, err := persistedHash(params.Extensions)
	if err != nil {
		return err
	}
	if hash != "" && params.Query != "" && sha256Of(params.Query) != hash {
		return codedError(codePersistedQueryHashMismatch, "the query's sha256 is not the sha256Hash sent with it")
	}
	if p.trusted != nil {
		if hash == "" {
			hash = sha256Of(params.Query)
		}
		q, ok := p.trusted[hash]
		switch {
		case !ok && params.Query != "":
			return codedError(codeOperationNotTrusted, "this server runs only its trusted documents, and this query is not one of them")
		case !ok:
			return codedError(codePersistedQueryNotFound, "PersistedQueryNotFound: no trusted document has this hash")
		}
		params.Query = q
		return nil
	}
	if hash == "" {
		return nil
	}
	if params.Query == "" {
		q, ok := p.cache.Get(ctx, hash)
		if !ok {
			return codedError(codePersistedQueryNotFound, "PersistedQueryNotFound")
		}
		params.Query = q
		return nil
	}
	p.cache.Add(ctx, hash, params.Query)
	return nil
}

// persistedHash reads extensions.persistedQuery: "" when there is none.
func persistedHash(ext map[string]any) (string, *gqlerror.Error) {
	raw, ok := ext["persistedQuery"]
	if !ok || raw == nil {
		return "", nil
	}
	pq, ok := raw.(map[string]any)
	if !ok {
		return "", codedError(codeBadRequest, "extensions.persistedQuery must be an object with version 1 and a sha256Hash")
	}
	if v := fmt.Sprint(pq["version"]); v != "1" {
		return "", codedError(codeBadRequest, "extensions.persistedQuery.version must be 1")
	}
	hash, _ := pq["sha256Hash"].(string)
	if !sha256Hex.MatchString(hash) {
		return "", codedError(codeBadRequest, "extensions.persistedQuery.sha256Hash must be 64 lowercase hex digits")
	}
	return hash, nil
}

func sha256Of(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// LoadTrustedDocuments reads a trusted documents manifest: a JSON object
// mapping the sha256 hex of each document to its text, as GraphQL Code
// Generator's client preset writes it (persisted-documents.json, whose
// keys may carry a "sha256:" prefix, which is dropped). A hash that is not
// its document's is an error, so a stale manifest is found at start-up
// rather than by clients.
func LoadTrustedDocuments(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("trusted documents: %w", err)
	}
	var docs map[string]string
	if err := json.Unmarshal(raw, &docs); err != nil {
		return nil, fmt.Errorf("trusted documents %s: not a JSON object of hash to document: %w", path, err)
	}
	out := make(map[string]string, len(docs))
	for key, doc := range docs {
		hash := strings.TrimPrefix(key, "sha256:")
		if sha256Of(doc) != hash {
			return nil, fmt.Errorf("trusted documents %s: %.16s... is not the sha256 of its document", path, hash)
		}
		out[hash] = doc
	}
	return out, nil
}
