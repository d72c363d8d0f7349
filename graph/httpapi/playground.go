package httpapi

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/playground"
)

// handlePlayground serves GraphiQL for the endpoint.
func handlePlayground(endpoint string) http.Handler {
	return playground.Handler("Knowledge graph playground", endpoint)
}
