// Command pulumi-language-nodejs is paasenv's own minimal Pulumi language host for Node.js programs.
//
// Why it exists: the Pulumi engine runs a program through a "language host" plugin that it starts as
// `pulumi-language-<runtime>` and talks to over gRPC (pulumirpc.LanguageRuntime). Upstream's Node.js host
// lives in its own Go module, github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which is not
// tagged and which the Go module proxy reachable from our offline machines does not serve at any version
// (every pseudo-version answers 403). The CLI itself (pkg/v3) and the SDK (sdk/v3) are served, so we build
// the CLI from them and implement the small part of the language-host protocol that `pulumi preview/up/
// refresh/destroy`, `pulumi stack export` and the Automation API need, on top of the same pinned sdk/v3.
// The actual work is done by @pulumi/pulumi's own runner (`@pulumi/pulumi/cmd/run`), exactly as upstream.
//
// What it does:
//   - prints its gRPC port on stdout (the plugin protocol), takes the engine address as its first argument;
//   - Run: spawns `node [nodeargs] <program dir's @pulumi/pulumi/cmd/run> --monitor … <entry point>` with
//     PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS (JSON) and the TypeScript options of Pulumi.yaml
//     (runtime.options.typescript, tsconfig, nodeargs), streams its output, maps exit code 32
//     ("error already shown to the user") to a bail result and other failures to an error result;
//   - RunPlugin for policy packs (kind analyzer; `pulumi preview/up --policy-pack`): see run_plugin.go;
//   - GetPluginInfo, Handshake, About, GetProgramDependencies (direct package.json dependencies),
//     InstallDependencies (`npm install` only when @pulumi/pulumi cannot be resolved), RuntimeOptionsPrompts
//     (none), Cancel (stops a running program or policy pack).
//
// What it does not implement (all answered "unimplemented", which the engine tolerates or never asks here):
//   - GetRequiredPackages/GetRequiredPlugins return an EMPTY list on purpose: providers are then loaded on
//     demand when a resource registers. Upstream scans node_modules for packages marked `"pulumi":
//     {"resource": true}` and makes the engine load them all up front, which offline would fail for
//     @pulumiverse/scaleway (its plugin cannot be downloaded) even in stacks that create no Scaleway resource.
//   - the resource-monitor proxy and the `--sync` pipes used by synchronous invokes (the program talks to the
//     engine's monitor directly), RunPlugin for other plugins written in Node.js (PulumiPlugin.yaml), code
//     generation (GenerateProgram/Project/Package, Pack, Link, Template), bun, debugger attach, package
//     managers other than npm, and shell quoting in `nodeargs` (split on white space).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// exitAfterUserMessage is the exit code @pulumi/pulumi's runner uses when it already printed an actionable
// error; the host then bails without adding a message of its own.
const exitAfterUserMessage = 32

// runEntry is the module, resolved from the program directory, that runs a Pulumi program under Node.js.
const runEntry = "node_modules/@pulumi/pulumi/cmd/run"

func main() {
	// The engine passes `--logtostderr -v=N` (with --logflow) and `--tracing URL` before the engine address.
	// A dependency (glog) may already have registered the logging flags.
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr")
	}
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity")
	}
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint (passed on to the program)")
	flag.String("root", "", "ignored (accepted for compatibility)")
	flag.Parse()
	logging.InitLogging(false, 0, false)

	host := &nodeHost{tracing: *tracing}
	if args := flag.Args(); len(args) > 0 {
		host.engineAddress = args[0]
	}

	// Stop serving when interrupted or when the engine stops answering health checks.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	if host.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, host.engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check against the engine: %w", err))
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		host.cancelRuns()
		close(stop)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host gRPC server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port) // the engine reads the port from our first line of output
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped serving: %w", err))
	}
}

// nodeHost implements pulumirpc.LanguageRuntimeServer for Node.js programs.
type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string

	mu      sync.Mutex
	running map[*exec.Cmd]struct{}
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that matter when running a program.
type runtimeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

// parseRuntimeOptions reads Pulumi.yaml's runtime options; typescript defaults to true as upstream.
func parseRuntimeOptions(raw map[string]any) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, fmt.Errorf("Pulumi.yaml runtime option typescript must be a boolean, got %v", v)
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, fmt.Errorf("Pulumi.yaml runtime option tsconfig must be a string, got %v", v)
		}
		opts.tsconfig = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, fmt.Errorf("Pulumi.yaml runtime option nodeargs must be a string, got %v", v)
		}
		opts.nodeargs = strings.Fields(s)
	}
	return opts, nil
}

// programLocation returns the program directory and entry point of a run request ("." = package.json main).
func programLocation(req *pulumirpc.RunRequest) (string, string) {
	dir, entry := req.GetPwd(), req.GetProgram() //nolint:staticcheck // fallback for engines without ProgramInfo
	if info := req.GetInfo(); info != nil {
		dir, entry = info.GetProgramDirectory(), info.GetEntryPoint()
	}
	if entry == "" {
		entry = "."
	}
	return dir, entry
}

// findRunEntry walks up from dir to the first node_modules holding @pulumi/pulumi's runner, as Node's
// own resolution would. PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides it.
func findRunEntry(dir string) (string, error) {
	if p := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); p != "" {
		return p, nil
	}
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, runEntry)
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("could not find @pulumi/pulumi from %s: no %s in it or any parent "+
				"directory; run `npm install` in the project", dir, runEntry)
		}
	}
}

// runArguments builds the runner's command line: node args, runner, flags, entry point, program args.
func (h *nodeHost) runArguments(req *pulumirpc.RunRequest, nodeargs []string, runPath string) []string {
	dir, entry := programLocation(req)
	args := append(append([]string{}, nodeargs...), runPath)
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// runEnvironment adds the config, secret keys and TypeScript settings the runner reads from its environment.
func runEnvironment(req *pulumirpc.RunRequest, opts runtimeOptions) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("serializing stack configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing secret configuration keys: %w", err)
	}
	env := append(os.Environ(), "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// Run executes the program under Node.js and reports how it ended.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	opts, err := parseRuntimeOptions(req.GetInfo().GetOptions().AsMap())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	dir, _ := programLocation(req)
	runPath, err := findRunEntry(dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH: " + err.Error()}, nil
	}
	env, err := runEnvironment(req, opts)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := h.runArguments(req, opts.nodeargs, runPath)
	logging.V(5).Infof("language host launching: %s %s", nodeBin, strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = dir
	cmd.Env = env
	// Copy through pipes rather than handing over our own descriptors: Node may switch them to
	// non-blocking mode, which would break our writes to the engine.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: "could not start node: " + err.Error()}, nil
	}
	h.track(cmd, true)
	err = cmd.Wait()
	h.track(cmd, false)
	return runResult(err), nil
}

// runResult maps the runner's exit to a RunResponse.
func runResult(err error) *pulumirpc.RunResponse {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAfterUserMessage:
		return &pulumirpc.RunResponse{Bail: true}
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}
	default:
		return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + err.Error()}
	}
}

// track records running programs so that Cancel and shutdown can stop them.
func (h *nodeHost) track(cmd *exec.Cmd, running bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.running == nil {
		h.running = map[*exec.Cmd]struct{}{}
	}
	if running {
		h.running[cmd] = struct{}{}
	} else {
		delete(h.running, cmd)
	}
}

// cancelRuns asks every running program to stop (SIGINT, like Ctrl-C).
func (h *nodeHost) cancelRuns() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.running {
		_ = cmd.Process.Signal(os.Interrupt)
	}
}

// Cancel stops any running program; the engine calls it when the user interrupts an operation.
func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelRuns()
	return &emptypb.Empty{}, nil
}

// Handshake records the engine address when the engine attaches to an already running host.
func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the version stamped into the build (-X …/version.Version).
func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPlugins returns no plugin: providers are loaded when a resource first needs them.
func (h *nodeHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages returns no package, for the same reason (see the header comment).
func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// RuntimeOptionsPrompts asks nothing during `pulumi new`.
func (h *nodeHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// About reports which node runs the programs.
func (h *nodeHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the PATH: %w", err)
	}
	out, err := exec.Command(nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", nodeBin, err)
	}
	return &pulumirpc.AboutResponse{Executable: nodeBin, Version: strings.TrimSpace(string(out))}, nil
}

// packageManifest is the part of a package.json we read.
type packageManifest struct {
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readManifest(path string) (packageManifest, error) {
	var m packageManifest
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("parsing %s: %w", path, err)
	}
	return m, nil
}

// GetProgramDependencies lists the program's direct dependencies with their installed versions
// (transitive dependencies are not listed).
func (h *nodeHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd() //nolint:staticcheck // fallback for engines without ProgramInfo
	}
	manifest, err := readManifest(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(manifest.Dependencies)+len(manifest.DevDependencies))
	for name := range manifest.Dependencies {
		names = append(names, name)
	}
	for name := range manifest.DevDependencies {
		names = append(names, name)
	}
	sort.Strings(names)
	deps := make([]*pulumirpc.DependencyInfo, 0, len(names))
	for _, name := range names {
		installed, err := readManifest(filepath.Join(dir, "node_modules", name, "package.json"))
		if err != nil {
			continue // declared but not installed
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// InstallDependencies runs `npm install` in the program directory unless @pulumi/pulumi already resolves.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	if _, err := findRunEntry(dir); err == nil {
		fmt.Fprintln(stdout, "Dependencies already installed (@pulumi/pulumi resolves); skipping npm install.")
		return closer.Close()
	}
	fmt.Fprintf(stdout, "Installing dependencies in %s with npm install...\n", dir)
	cmd := exec.CommandContext(server.Context(), "npm", "install")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s failed: %w", dir, err)
	}
	return closer.Close()
}
