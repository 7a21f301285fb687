// Preloaded by Pulumi.yaml (`nodeargs: --require ./providers/base/typescript-hook.cjs`, with `typescript: false`):
// Pulumi then requires the program, index.ts, which this hook bundles with everything it imports (./bundle.cjs)
// instead of Pulumi's ts-node transpiling each file.
"use strict";
require("./bundle.cjs").registerTypeScript();
