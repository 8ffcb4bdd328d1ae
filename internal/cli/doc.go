// Package cli is the command-line interface of cite, built on urfave/cli/v2.
// It is the only package that sees program arguments, standard streams and
// exit codes: Main runs one command with injected streams and returns the
// exit code, so that every command can be tested in-process.
//
// Exit codes are those of ExitOK, ExitProblems and ExitUsage: 0 when all is
// well, 1 when the command found problems in the data (errors in a library,
// unresolved citations in a manuscript), 2 for bad usage or input that
// cannot be read at all.
package cli
