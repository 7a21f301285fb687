#!/usr/bin/env node
// The `paasenv` bin. Installed as a package, it runs the compiled CLI (dist/cli/main.js) in this process.
// In a checkout (cli/main.ts beside this file), it runs the source with tsx under Node 24 (scripts/node.sh
// provides Node 24 when the `node` on PATH is older), forwarding arguments, signals and the exit code.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const source = path.join(root, "cli", "main.ts");

if (!fs.existsSync(source)) {
  require(path.join(root, "dist", "cli", "main.js"));
} else {
  const { spawn } = require("node:child_process");
  const tsx = require.resolve("tsx/cli", { paths: [root] });
  const child = spawn(
    "bash",
    [path.join(root, "scripts", "node.sh"), "node", tsx, source, ...process.argv.slice(2)],
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
}
