package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"
)

// Exit codes that scripts can rely on.
const (
	ExitOK       = 0 // success, nothing to report
	ExitProblems = 1 // the data has problems (errors found)
	ExitUsage    = 2 // bad usage, or input that cannot be read
)

// Version is cite's version, set at build time with
// -ldflags "-X github.com/cite-project/cite/internal/cli.Version=v1.2.3";
// otherwise it comes from the module's build information.
var Version = ""

// env holds what a command needs from the outside world. Tests replace
// its parts.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

// exitError carries an exit code out of a command. A nil err means the
// command has already said what there was to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf reports bad usage (exit code 2).
func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// inputError reports input that cannot be read (exit code 2).
func inputError(err error) error { return &exitError{code: ExitUsage, err: err} }

// problemsFound makes the command exit with code 1 without a further
// message: the findings have been printed already.
func problemsFound() error { return &exitError{code: ExitProblems} }

// Main runs cite with args (args[0] is the program name) and returns the
// exit code. It never calls os.Exit and writes only to the given streams.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) (code int) {
	defer func() {
		// A bug must not show users a Go stack trace: report it plainly.
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "cite: internal error: %v\nplease report this with the command you ran\n", r)
			code = ExitUsage
		}
	}()
	app := e.newApp()
	err := app.RunContext(ctx, args)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(e.stderr, "cite: %v\n", ee.err)
		}
		return ee.code
	}
	// Errors from urfave/cli itself are about the command line.
	fmt.Fprintf(e.stderr, "cite: %v\nrun 'cite --help' for usage\n", err)
	return ExitUsage
}

// commands lists cite's commands; each is built by its own file.
func (e *env) commands() []*ucli.Command {
	return []*ucli.Command{
		e.addCommand(),
		e.bblCommand(),
		e.checkCommand(),
		e.exportCommand(),
		e.fmtCommand(),
		e.formatCommand(),
		e.generateCommand(),
		e.importCommand(),
		e.listCommand(),
		e.mergeCommand(),
		e.mergeDriverCommand(),
		e.searchCommand(),
		e.renderCommand(),
		e.stylesCommand(),
		e.verifyCommand(),
	}
}

func (e *env) newApp() *ucli.App {
	app := &ucli.App{
		Name:  "cite",
		Usage: "keep references as TOML, check them, format them in APA 7 and GOST, and verify a manuscript's citations",
		Description: "cite reads a library of references (TOML files in refs/ by default) whose\n" +
			"fields are CSL variable names. Run 'cite COMMAND --help' for each command.",
		Version:              version(),
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		Reader:               e.stdin,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		Flags: []ucli.Flag{
			&ucli.StringFlag{
				Name:    "library",
				Aliases: []string{"l"},
				Value:   "refs",
				EnvVars: []string{"CITE_LIBRARY"},
				Usage:   "the library: a .toml file, a directory of .toml files, or a CSL-JSON .json file",
			},
			maxInputFlag(),
			maxDepthFlag(),
			cslBudgetFlag(),
			noCacheFlag(),
		},
		Commands: e.commands(),
		// Exit codes are ours to decide: never let urfave/cli call os.Exit.
		ExitErrHandler: func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return usageErrorf("%v", err)
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("unknown command %q; run 'cite --help' for the list", c.Args().First())
			}
			return ucli.ShowAppHelp(c)
		},
	}
	for _, cmd := range app.Commands {
		if cmd.OnUsageError == nil {
			cmd.OnUsageError = func(_ *ucli.Context, err error, _ bool) error {
				return usageErrorf("%v", err)
			}
		}
	}
	return app
}

// version returns Version, or the module version from the build info.
func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "0.1.0-dev"
}

// oneOf checks that a flag's value is one of the allowed values.
func oneOf(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usageErrorf("--%s must be one of %s, not %q", flag, strings.Join(allowed, ", "), value)
}
