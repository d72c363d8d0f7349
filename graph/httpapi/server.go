package httpapi

import (
	"log/slog"
	"net/http"
	"time"
)

// Timeouts bound how long a connection may take at each stage, so that a
// slow or stalled client cannot hold one open. Zero fields take the
// defaults of DefaultTimeouts.
type Timeouts struct {
	// ReadHeader bounds reading the request line and headers.
	ReadHeader time.Duration
	// Read bounds reading the whole request, body included: a client
	// trickling a body byte by byte is cut off here.
	Read time.Duration
	// Write bounds the time from the end of the request's headers to the
	// end of the response. It must exceed the longest request, so
	// NewServer makes it at least the request deadline plus WriteMargin.
	Write time.Duration
	// Idle bounds how long a kept-alive connection waits for its next request.
	Idle time.Duration
}

// WriteMargin is how much longer than the request deadline the write
// timeout is at least, so that a request ending at its deadline can still
// send its error.
const WriteMargin = 10 * time.Second

// DefaultTimeouts suit a public server: a request is read within seconds,
// connections are kept a minute.
func DefaultTimeouts() Timeouts {
	return Timeouts{ReadHeader: 5 * time.Second, Read: 15 * time.Second, Idle: 60 * time.Second}
}

// NewServer is the HTTP server for handler, with timeouts t (zero fields
// defaulted) and a write timeout above requestDeadline.
func NewServer(handler http.Handler, logger *slog.Logger, t Timeouts, requestDeadline time.Duration) *http.Server {
	d := DefaultTimeouts()
	if t.ReadHeader <= 0 {
		t.ReadHeader = d.ReadHeader
	}
	if t.Read <= 0 {
		t.Read = d.Read
	}
	if t.Idle <= 0 {
		t.Idle = d.Idle
	}
	t.Write = max(t.Write, requestDeadline+WriteMargin)
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}
