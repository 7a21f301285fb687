package main

// RunPlugin against a real node and a fake runner: the test plays the engine (it reads the proxy's port,
// configures the stack through it, calls through it) and a fake policy pack (a Go Analyzer server whose port
// the fake runner prints, as @pulumi/policy prints its own).

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// fakeRunner records how it was started, prints the fake pack's port, writes a line on stderr, then exits
// with FAKE_EXIT (or waits forever when FAKE_EXIT is "wait").
const fakeRunner = `
const fs = require("fs");
const env = {};
for (const name of ["PULUMI_CONFIG", "PULUMI_NODEJS_STACK", "PULUMI_NODEJS_PROJECT", "PULUMI_NODEJS_DRY_RUN",
  "PULUMI_NODEJS_TYPESCRIPT", "FAKE_FROM_ENGINE"]) env[name] = process.env[name] ?? null;
fs.writeFileSync(process.env.FAKE_RECORD, JSON.stringify({ argv: process.argv.slice(1), cwd: process.cwd(), env, pid: process.pid }));
console.log(process.env.FAKE_PACK_PORT);
console.error("hello from the pack");
if (process.env.FAKE_EXIT === "wait") setInterval(() => {}, 1000);
else setTimeout(() => process.exit(Number(process.env.FAKE_EXIT)), 200);
`

// record is what the fake runner writes.
type record struct {
	Argv []string           `json:"argv"`
	Cwd  string             `json:"cwd"`
	Env  map[string]*string `json:"env"`
	Pid  int                `json:"pid"`
}

// fakePack is the Analyzer the fake runner stands for.
type fakePack struct {
	pulumirpc.UnimplementedAnalyzerServer
	configured chan *pulumirpc.AnalyzerStackConfigureRequest
}

func (p *fakePack) ConfigureStack(
	_ context.Context, req *pulumirpc.AnalyzerStackConfigureRequest,
) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	p.configured <- req
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

func (p *fakePack) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "9.9.9"}, nil
}

// stream is the engine's end of RunPlugin: stdout goes into a pipe, everything is recorded.
type stream struct {
	grpc.ServerStream
	ctx      context.Context
	stdout   *io.PipeWriter
	messages chan *pulumirpc.RunPluginResponse
}

func (s *stream) Context() context.Context { return s.ctx }

func (s *stream) Send(m *pulumirpc.RunPluginResponse) error {
	if out := m.GetStdout(); out != nil {
		_, _ = s.stdout.Write(out)
	}
	s.messages <- m
	return nil
}

// setup is one RunPlugin in flight.
type setup struct {
	dir, recordFile string
	pack            *fakePack
	stream          *stream
	stdout          *bufio.Reader
	done            chan error
	cancel          context.CancelFunc
}

func startRunPlugin(t *testing.T, exit string) *setup {
	t.Helper()
	dir := t.TempDir()
	runnerDir := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack")
	must(t, os.MkdirAll(runnerDir, 0o755))
	must(t, os.WriteFile(filepath.Join(runnerDir, "index.js"), []byte(fakeRunner), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "package.json"),
		[]byte(`{"name":"@pulumi/pulumi","version":"3.0.0"}`), 0o644))

	pack := &fakePack{configured: make(chan *pulumirpc.AnalyzerStackConfigureRequest, 1)}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	server := grpc.NewServer()
	pulumirpc.RegisterAnalyzerServer(server, pack)
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	reader, writer := io.Pipe()
	s := &stream{ctx: ctx, stdout: writer, messages: make(chan *pulumirpc.RunPluginResponse, 100)}
	recordFile := filepath.Join(dir, "record.json")
	options, err := structpb.NewStruct(map[string]any{"typescript": true})
	must(t, err)
	req := &pulumirpc.RunPluginRequest{
		Kind: "analyzer",
		Args: []string{"127.0.0.1:4242"},
		Env: append(os.Environ(), "FAKE_FROM_ENGINE=yes", "FAKE_RECORD="+recordFile, "FAKE_EXIT="+exit,
			fmt.Sprintf("FAKE_PACK_PORT=%d", listener.Addr().(*net.TCPAddr).Port)),
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: ".", Options: options},
	}
	done := make(chan error, 1)
	go func() { done <- (&nodeHost{}).RunPlugin(req, s) }()
	return &setup{dir, recordFile, pack, s, bufio.NewReader(reader), done, cancel}
}

// configure plays the engine: it reads the proxy's port and configures the stack through it.
func (s *setup) configure(t *testing.T) pulumirpc.AnalyzerClient {
	t.Helper()
	line, err := s.stdout.ReadString('\n')
	must(t, err)
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(line),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	must(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	client := pulumirpc.NewAnalyzerClient(conn)
	_, err = client.ConfigureStack(context.Background(), &pulumirpc.AnalyzerStackConfigureRequest{
		Stack: "production", Project: "paasenv", DryRun: true,
		Config: map[string]string{"paasenv:environment": "production"},
	})
	must(t, err)
	go func() { _, _ = io.Copy(io.Discard, s.stdout) }()
	return client
}

func (s *setup) record(t *testing.T) record {
	t.Helper()
	var r record
	waitFor(t, "the runner's record", func() bool {
		text, err := os.ReadFile(s.recordFile)
		return err == nil && json.Unmarshal(text, &r) == nil
	})
	return r
}

func TestRunPluginStartsThePolicyPackWithTheStackAndReturnsItsExitCode(t *testing.T) {
	s := startRunPlugin(t, "3")
	client := s.configure(t)

	forwarded := <-s.pack.configured
	if forwarded.GetStack() != "production" || forwarded.GetConfig()["paasenv:environment"] != "production" {
		t.Fatalf("the pack was configured with %v", forwarded)
	}
	info, err := client.GetPluginInfo(context.Background(), &emptypb.Empty{})
	must(t, err)
	if info.GetVersion() != "9.9.9" {
		t.Fatalf("GetPluginInfo through the proxy answered %q, not the pack's 9.9.9", info.GetVersion())
	}
	must(t, <-s.done)

	r := s.record(t)
	runner := filepath.Join(s.dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js")
	if strings.Join(r.Argv, " ") != runner+" 127.0.0.1:4242 "+s.dir || r.Cwd != s.dir {
		t.Fatalf("node ran %v in %s", r.Argv, r.Cwd)
	}
	want := map[string]string{
		"PULUMI_CONFIG": `{"paasenv:environment":"production"}`, "PULUMI_NODEJS_STACK": "production",
		"PULUMI_NODEJS_PROJECT": "paasenv", "PULUMI_NODEJS_DRY_RUN": "true", "PULUMI_NODEJS_TYPESCRIPT": "true",
		"FAKE_FROM_ENGINE": "yes",
	}
	for name, value := range want {
		if got := r.Env[name]; got == nil || *got != value {
			t.Errorf("%s = %v, want %q", name, got, value)
		}
	}
	var stderr strings.Builder
	var last *pulumirpc.RunPluginResponse
	for len(s.stream.messages) > 0 {
		last = <-s.stream.messages
		stderr.Write(last.GetStderr())
	}
	if !strings.Contains(stderr.String(), "hello from the pack") {
		t.Errorf("stderr was not streamed: %q", stderr.String())
	}
	if code, ok := last.GetOutput().(*pulumirpc.RunPluginResponse_Exitcode); !ok || code.Exitcode != 3 {
		t.Errorf("the last message is %v, want exit code 3", last)
	}
}

func TestRunPluginKillsNodeWhenTheEngineCancels(t *testing.T) {
	s := startRunPlugin(t, "wait")
	s.configure(t)
	<-s.pack.configured
	pid := s.record(t).Pid
	s.cancel()
	if err := <-s.done; !errors.Is(err, context.Canceled) {
		t.Fatalf("RunPlugin returned %v, want context.Canceled", err)
	}
	waitFor(t, fmt.Sprintf("node (pid %d) to be gone", pid), func() bool {
		return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
	})
}

func TestRunPluginRefusesOtherKindsOfPlugin(t *testing.T) {
	err := (&nodeHost{}).RunPlugin(&pulumirpc.RunPluginRequest{Kind: "resource"}, &stream{ctx: context.Background()})
	if status.Code(err) != codes.Unimplemented ||
		status.Convert(err).Message() != `paasenv's pulumi-language-nodejs runs Node.js policy packs only, not "resource" plugins` {
		t.Fatalf("got %v", err)
	}
}

func TestRunPluginNamesAMissingRunner(t *testing.T) {
	dir := t.TempDir()
	req := &pulumirpc.RunPluginRequest{Kind: "analyzer", Info: &pulumirpc.ProgramInfo{ProgramDirectory: dir}}
	err := (&nodeHost{}).RunPlugin(req, &stream{ctx: context.Background()})
	want := "resolving @pulumi/pulumi/cmd/run-policy-pack from " + dir +
		": cannot find @pulumi/pulumi/cmd/run-policy-pack: run npm install in " + dir
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond (every 20 ms, at most 10 s): processes and files appear on their own schedule.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
