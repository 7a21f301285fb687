#!/usr/bin/env node
// Restores the lockfile entries of Biome's per-platform binaries (`@biomejs/cli-*`) that an npm mirror
// without them leaves out: `npm install` against such a mirror drops the packages it cannot find, and `npm ci`
// then refuses the lockfile ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). Each entry is what the
// public registry's lockfile holds minus the integrity hash (npm checks the tarball on the machines that
// install it; every other platform skips it as optional). Run `node scripts/lockfile-platforms.cjs` after
// `npm install` on such a machine; `npm ci` works on every platform afterwards.
const fs = require("node:fs");
const file = process.argv[2] ?? require("node:path").join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const biome = lock.packages["node_modules/@biomejs/biome"];
const platforms = {
  "cli-android-arm64": { os: ["android"], cpu: ["arm64"] },
  "cli-android-x64": { os: ["android"], cpu: ["x64"] },
  "cli-darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "cli-darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "cli-linux-arm64-musl": { os: ["linux"], cpu: ["arm64"], libc: ["musl"] },
  "cli-linux-x64-musl": { os: ["linux"], cpu: ["x64"], libc: ["musl"] },
  "cli-win32-arm64": { os: ["win32"], cpu: ["arm64"] },
  "cli-win32-x64": { os: ["win32"], cpu: ["x64"] },
};
const out = {};
for (const [key, value] of Object.entries(lock.packages)) {
  out[key] = value;
  if (key === "node_modules/@biomejs/biome") {
    for (const [name, platform] of Object.entries(platforms)) {
      const path = `node_modules/@biomejs/${name}`;
      if (lock.packages[path]) continue;
      out[path] = {
        version: biome.version,
        cpu: platform.cpu,
        dev: true,
        ...(platform.libc ? { libc: platform.libc } : {}),
        license: "MIT OR Apache-2.0",
        optional: true,
        os: platform.os,
        engines: { node: ">=14.21.3" },
      };
    }
  }
}
lock.packages = Object.fromEntries(
  Object.entries(out).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
