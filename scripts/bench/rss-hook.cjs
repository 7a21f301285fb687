// Loaded with NODE_OPTIONS=--require by the bench's memory run: on exit, each Node process appends its peak
// resident set size to the file PAASENV_BENCH_RSS_FILE names, with the script it ran.
"use strict";
process.on("exit", () => {
  const file = process.env.PAASENV_BENCH_RSS_FILE;
  if (!file) return;
  const line = { script: process.argv[1] ?? "", maxRssKb: process.resourceUsage().maxRSS };
  require("node:fs").appendFileSync(file, `${JSON.stringify(line)}\n`);
});
