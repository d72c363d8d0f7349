package cli

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"kgraph/graph/auth"
	"kgraph/graph/httpapi"
)

// TestREADMEStatesTheStreamAndCredentialSettings checks that the README's
// tables name every credential and stream flag with its variable and
// default, and that the rules it states are the code's.
func TestREADMEStatesTheStreamAndCredentialSettings(t *testing.T) {
	readme := string(repoFile(t, "README.md"))
	var limits serverLimits
	var credentials authFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	none := func(string) string { return "" }
	limits.register(fs, none)
	credentials.register(fs, none)
	d := httpapi.DefaultStreamLimits()
	for name, def := range map[string]string{
		"streams-per-client": fmt.Sprint(d.PerClient), "stream-operations": fmt.Sprint(d.PerConnection),
		"stream-keepalive": d.KeepAlive.String(), "stream-idle-timeout": d.Idle.String(),
		"stream-max-duration": d.MaxDuration.String(), "ws-init-timeout": d.InitTimeout.String(),
		"api-keys-file": "(none)", "jwt-hs256-secret-file": "(none)", "jwt-keys": "(none)",
		"jwt-issuer": "(none)", "jwt-audience": "(none)", "jwt-role-claim": "`" + auth.DefaultRoleClaim + "`",
	} {
		f := fs.Lookup(name)
		if f == nil {
			t.Errorf("no flag -%s", name)
			continue
		}
		env := f.Usage[strings.LastIndex(f.Usage, "(env ")+5 : len(f.Usage)-1]
		if row := fmt.Sprintf("| `-%s` | `%s` | %s |", name, env, def); !strings.Contains(readme, row) {
			t.Errorf("README.md has no row %q", row)
		}
	}
	flat := strings.Join(strings.Fields(readme), " ")
	for _, want := range []string{
		fmt.Sprintf("at least %d characters", auth.MinSecretLength),
		fmt.Sprintf("HS256 shared secret, at least %d bytes", auth.MinHS256SecretLength),
		fmt.Sprintf("with %d s of leeway", int(auth.Leeway.Seconds())),
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}
