// Package cli is the kgraph command line: the serve, healthcheck, validate,
// import, export and changes commands, a file each, with their flags, the
// configuration they share (config.go) and the opening of the store they
// name (store.go). Package main only hands Run the process's arguments,
// environment, standard streams and built front end.
package cli
