package cli

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
)

// config is what every subcommand needs to reach the graph. Each setting is
// a flag, and each flag falls back to an environment variable.
type config struct {
	port      string
	dataFile  string
	seed      string
	logFormat string
	logLevel  string
	neo4j     neo4jConfig
}

// neo4jConfig selects the Neo4j store; with an empty URI the embedded store is used.
type neo4jConfig struct {
	uri, username, password, database string
}

// storeFlags registers the flags that choose and reach the store.
func (c *config) storeFlags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.dataFile, "data", envOr(getenv, "KG_DATA_FILE", filepath.Join("data", "graph.db")),
		"embedded store: the data file, created if missing (env KG_DATA_FILE)")
	fs.StringVar(&c.neo4j.uri, "neo4j-uri", getenv("NEO4J_URI"),
		"use Neo4j at this URI, such as bolt://localhost:7687 or neo4j+s://xxx.databases.neo4j.io, instead of the embedded store (env NEO4J_URI)")
	fs.StringVar(&c.neo4j.username, "neo4j-username", envOr(getenv, "NEO4J_USERNAME", "neo4j"), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&c.neo4j.password, "neo4j-password", getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&c.neo4j.database, "neo4j-database", envOr(getenv, "NEO4J_DATABASE", "neo4j"), "Neo4j database name (env NEO4J_DATABASE)")
	fs.StringVar(&c.logFormat, "log-format", envOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.StringVar(&c.logLevel, "log-level", envOr(getenv, "LOG_LEVEL", "info"), "log level: debug, info, warn or error (env LOG_LEVEL)")
}

// logger returns the structured logger the configuration asks for.
func (c *config) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("-log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(c.logFormat) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("-log-format must be text or json, got %q", c.logFormat)
}

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}
