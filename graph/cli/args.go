package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// usage is a subcommand's help: what it does and examples, printed before
// its flags.
type usage struct {
	name  string // "import"
	text  string // from "Usage:" to the examples, ending in a newline
	flags *flag.FlagSet
}

// print writes the help to w.
func (u usage) print(w io.Writer) {
	fmt.Fprint(w, u.text)
	fmt.Fprint(w, "\nFlags:\n")
	out := u.flags.Output()
	u.flags.SetOutput(w)
	u.flags.PrintDefaults()
	u.flags.SetOutput(out)
}

// parseArgs parses a subcommand's command line, where flags may come
// before or after the operands ("import --dry-run a.json" and
// "import a.json --dry-run"; after "--" everything is an operand). It
// returns the operands. Help (-h, -help, --help) goes to env.Stdout
// and reports shown; a mistake is reported on env.Stderr as errUsage.
func parseArgs(env *Env, u usage, args []string) (operands []string, shown bool, err error) {
	fs := u.flags
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {} // shown below, on stdout for help
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				u.print(env.Stdout)
				return nil, true, nil
			}
			return nil, false, usageError(env, u, "")
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return operands, false, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(operands, rest...), false, nil
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// usageError reports a command-line mistake on stderr, with where to find
// help, and returns errUsage.
func usageError(env *Env, u usage, format string, args ...any) error {
	if format != "" {
		fmt.Fprintf(env.Stderr, "kgraph %s: %s\n", u.name, fmt.Sprintf(format, args...))
	}
	fmt.Fprintf(env.Stderr, "Run 'kgraph %s --help' for usage.\n", u.name)
	return errUsage
}
