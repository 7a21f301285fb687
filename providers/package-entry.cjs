// `paasenv/providers`, which every paasenv resource's stored loader requires (it must export createProvider():
// a frozen contract, see providers/base/by-reference.ts). Installed as a package, it is the compiled
// dist/providers/index.js. In a checkout (providers/index.ts beside this file), it is the TypeScript source
// through tsx: the checkout's package.json names this file too, and a dist/ left by `npm pack` must never serve
// a checkout's resources with yesterday's code.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const source = path.join(__dirname, "index.ts");
if (fs.existsSync(source)) {
  const tsx = require(require.resolve("tsx/cjs/api", { paths: [__dirname] }));
  module.exports = tsx.require(source, __filename);
} else {
  module.exports = require(path.join(__dirname, "..", "dist", "providers", "index.js"));
}
