#!/usr/bin/env node
// The `paasenv` bin: runs cli/main.ts with tsx under Node 24 (scripts/node.sh provides Node 24 when
// the `node` on PATH is older), forwarding arguments, signals and the exit code.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const tsx = require.resolve("tsx/cli", { paths: [root] });
const child = spawn(
  "bash",
  [
    path.join(root, "scripts", "node.sh"),
    "node",
    tsx,
    path.join(root, "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + (require("node:os").constants.signals[signal] ?? 1) : 1);
});
child.on("error", (error) => {
  process.stderr.write(`paasenv: cannot start Node 24 through scripts/node.sh: ${error.message}\n`);
  process.exitCode = 1;
});
