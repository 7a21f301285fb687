import { describe, expect, it } from "vitest";
import type { Io } from "../../cli/lib/pulumi";
import { buildProgram, COMMANDS, globalsOf, main } from "../../cli/program";

/** Runs the CLI in-process with captured streams. Only parsing paths: nothing here reaches Pulumi. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("paasenv command line", () => {
  it("prints help on stdout with exit code 0", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: paasenv [options] [command]");
    expect(result.stdout).toContain("Exit codes: 0 ok, 1 failure, 2 usage error.");
    expect(result.stderr).toBe("");
  });

  it.each([
    [["review", "up", "--help"], "Usage: paasenv review up [options] <N>"],
    [["review", "down", "--help"], "Usage: paasenv review down [options] <N>"],
    [["review", "list", "--help"], "Usage: paasenv review list [options]"],
    [["review", "gc", "--help"], "--older-than <duration>"],
    [["preview", "--help"], "--markdown <file>"],
    [["recover", "--help"], "--assume-dead-after <duration>"],
    [["validate", "--help"], "Usage: paasenv validate [options] <stacks...>"],
    [["status", "--help"], "Usage: paasenv status [options] <stack>"],
    [["db", "restore", "--help"], "--confirm <stack>"],
    [["emulator", "--help"], "--alwaysdata-zone <zone>"],
    [["deploy", "--help"], "--verify-timeout <duration>"],
    [["release", "next", "--help"], "--initial <version>"],
    [["release", "notes", "--help"], "--titles <file.json>"],
    [["release", "notice", "--help"], "Usage: paasenv release notice [options] <version>"],
  ])("has help for %j", async (argv, text) => {
    const result = await run(...argv);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(text);
  });

  it.each([
    [[], "Usage: paasenv"],
    [["bogus"], "unknown command 'bogus'"],
    [["review", "up"], "missing required argument 'N'"],
    [
      ["review", "up", "abc"],
      'the review number must be a positive integer (the pull-request number), got "abc"',
    ],
    [["review", "up", "7", "--set", "nope"], "--set expects key=value"],
    [["review", "gc"], "required option '--older-than <duration>' not specified"],
    [["review", "gc", "--older-than", "soon"], "--older-than must be a duration such as 72h"],
    [["review", "down", "1", "--what"], "unknown option '--what'"],
    [["preview"], "missing required argument 'stack'"],
    [["recover"], "missing required argument 'stack'"],
    [
      ["recover", "staging", "--assume-dead-after", "soon"],
      "--assume-dead-after must be a duration such as 72h",
    ],
    [["recover", "not a stack"], '"not a stack" is not a stack name'],
    [["validate"], "missing required argument 'stacks'"],
    [["emulator", "--bogus", "1"], 'Unknown emulator option "--bogus"'],
    [["db", "restore", "production"], "required option '--to <time>' not specified"],
    [
      ["db", "restore", "production", "--to", "yesterday"],
      '--to must be a date and time with its offset, such as 2026-07-18T23:00:00Z or 2026-07-19T01:00:00+02:00, got "yesterday"',
    ],
    [
      ["db", "restore", "production", "--to", "2026-07-18T23:00:00"],
      "--to must be a date and time with its offset",
    ],
  ])("exits 2 on usage errors: %j", async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });

  it("reads the global options wherever they are given", async () => {
    const program = buildProgram({
      io: { stdout: () => {}, stderr: () => {} },
      globals: globalsOf,
      now: () => new Date(),
    });
    const seen: unknown[] = [];
    program.commands
      .find((c) => c.name() === "review")
      ?.commands.find((c) => c.name() === "list")
      ?.action((_opts, command) => {
        seen.push(globalsOf(command));
      });
    await program.parseAsync(["--cwd", "/tmp/p", "review", "list", "-q", "--backend-url", "file:///b"], {
      from: "user",
    });
    expect(seen).toEqual([{ cwd: "/tmp/p", backendUrl: "file:///b", quiet: true }]);
  });

  it("registers each command once, in help order", () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(2);
    const program = buildProgram({
      io: { stdout: () => {}, stderr: () => {} },
      globals: globalsOf,
      now: () => new Date(),
    });
    const names = program.commands.map((c) => c.name());
    expect(names.slice(0, 2)).toEqual(["review", "preview"]);
    expect(new Set(names).size).toBe(names.length);
  });
});
