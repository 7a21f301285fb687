package main

// RunPlugin: how the engine (v3.259) starts a Node.js policy pack. With a `nodejs` language host found, the
// engine no longer runs a `pulumi-analyzer-policy` script: it asks the language host to run the pack
// (plugin.NewPolicyAnalyzer → langhost.RunPlugin, kind "analyzer", the pack folder as the program directory,
// the engine address as the only argument, the CLI's environment). This follows upstream's host
// (sdk/nodejs/cmd/pulumi-language-nodejs/main.go at v3.259.0):
//
//   - the runner is `@pulumi/pulumi/cmd/run-policy-pack`, resolved by node from the pack folder;
//   - `node <runner> <engine address> <pack folder>`, in the pack folder (the runner reads its package.json,
//     which needs a `version`, and its tsconfig.json), with the request's environment;
//   - upstream's policy proxy (github.com/pulumi/pulumi/sdk/v3, NewPolicyProxy) answers the engine first: it
//     prints its own port, takes the engine's ConfigureStack, and only then is node started, with the stack's
//     organization, project, stack name, dry-run flag and configuration in PULUMI_NODEJS_* and PULUMI_CONFIG
//     (what older policy packs read at start-up); it then forwards every call to the pack, whose first line of
//     output is its port;
//   - node's output is streamed to the engine; its exit code is sent as the last message.
//
// Differences: only analyzers are run (Node.js resource or tool plugins answer Unimplemented); `nodeargs` of
// PulumiPolicy.yaml go before the runner, as node options (upstream appends them after the runner's path);
// no debugger attach, no bun.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// policyPackRunner is the module, resolved from the pack folder, that serves a Node.js policy pack.
const policyPackRunner = "@pulumi/pulumi/cmd/run-policy-pack"

// RunPlugin runs a Node.js policy pack for the engine; other kinds of plugin are not supported.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		return status.Errorf(codes.Unimplemented,
			"paasenv's pulumi-language-nodejs runs Node.js policy packs only, not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	cmd, err := h.policyPackCommand(ctx, req)
	if err != nil {
		return err
	}
	proxy, proxyStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start the policy pack proxy: %w", err)
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get the stack configuration for the policy pack: %w", err)
	}
	extra, err := stackEnvironment(stack)
	if err != nil {
		return err
	}
	cmd.Env = append(cmd.Env, extra...)
	cmd.Stdout, cmd.Stderr = proxyStdout, stderr

	logging.V(5).Infof("language host launching the policy pack: %s", cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start node for the policy pack: %w", err)
	}
	h.track(cmd, true)
	attachErr := proxy.Attach(ctx, cmd) // waits for node to exit
	h.track(cmd, false)
	if ctx.Err() != nil {
		return ctx.Err() // the engine cancelled the request: exec.CommandContext killed node
	}
	code, err := exitCodeOf(cmd, attachErr)
	if err != nil {
		return err
	}
	if err := closer.Close(); err != nil {
		return err
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// policyPackCommand builds `node [nodeargs] <runner> <args…> <pack folder>` in the pack folder, with the
// request's environment and the TypeScript settings of PulumiPolicy.yaml. Nothing is started yet; the
// command is tied to ctx, so node is killed when the engine cancels the request.
func (h *nodeHost) policyPackCommand(ctx context.Context, req *pulumirpc.RunPluginRequest) (*exec.Cmd, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		return nil, errors.New("the engine sent no policy pack folder (RunPluginRequest.info.program_directory)")
	}
	opts, err := parseRuntimeOptions(req.GetInfo().GetOptions().AsMap())
	if err != nil {
		return nil, err
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the PATH: %w", err)
	}
	runner, err := locateModule(ctx, nodeBin, dir, policyPackRunner)
	if err != nil {
		return nil, err
	}
	args := append(append(append([]string{}, opts.nodeargs...), runner), req.GetArgs()...)
	cmd := exec.CommandContext(ctx, nodeBin, append(args, dir)...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, req.GetEnv()...), typeScriptEnvironment(opts)...)
	return cmd, nil
}

// typeScriptEnvironment is what the runner reads to compile TypeScript (as for programs).
func typeScriptEnvironment(opts runtimeOptions) []string {
	var env []string
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env
}

// stackEnvironment turns the engine's ConfigureStack request into the variables upstream's host sets for a
// policy pack (none when the engine sent no stack, as for `pulumi policy publish`).
func stackEnvironment(stack *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	if stack == nil {
		return nil, nil
	}
	var env []string
	add := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
	add("PULUMI_NODEJS_PROJECT", stack.GetProject())
	add("PULUMI_NODEJS_STACK", stack.GetStack())
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
	if config := stack.GetConfig(); config != nil {
		text, err := json.Marshal(config)
		if err != nil {
			return nil, fmt.Errorf("could not serialize the stack configuration for the policy pack: %w", err)
		}
		add("PULUMI_CONFIG", string(text))
	}
	return env, nil
}

// exitCodeOf reads how node ended once the proxy stopped waiting for it. An error of the proxy other than
// node's own exit (it could not read node's port, or connect to it) is returned as such.
func exitCodeOf(cmd *exec.Cmd, attachErr error) (int32, error) {
	var exitErr *exec.ExitError
	switch {
	case cmd.ProcessState != nil:
		return int32(cmd.ProcessState.ExitCode()), nil
	case errors.As(attachErr, &exitErr):
		return int32(exitErr.ExitCode()), nil
	case attachErr != nil:
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
		return 0, fmt.Errorf("the policy pack did not start: %w", attachErr)
	default:
		return 0, nil
	}
}

// locateModule asks node where `module` resolves from dir, as upstream does (so package exports and every
// node_modules up the tree count).
func locateModule(ctx context.Context, nodeBin, dir, module string) (string, error) {
	script := fmt.Sprintf("try { console.log(require.resolve(%q)); } catch (error) { "+
		"console.error(error.code === 'MODULE_NOT_FOUND' ? %q : error.message); process.exit(1); }",
		module, "cannot find "+module+": run npm install in "+dir)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("resolving %s from %s: %s", module, dir, firstLine(stderr.String(), err))
	}
	return strings.TrimSpace(string(out)), nil
}

func firstLine(text string, fallback error) string {
	if line, _, _ := strings.Cut(strings.TrimSpace(text), "\n"); line != "" {
		return line
	}
	return fallback.Error()
}
