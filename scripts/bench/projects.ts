/** The two programs the bench runs: an empty TypeScript program (the floor) and a copy of this project. */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { copyProject, REPO_ROOT } from "../../cli/lib/project";

/** The staging example with storage off and DNS `manual` (the Scaleway plugin cannot be downloaded offline). */
export const BENCH_CONFIG = {
  "paasenv:environment": "staging",
  "paasenv:app": { name: "paasenv-bench", region: "osc-fr1" },
  "paasenv:processes": { web: { amount: 2, size: "M" }, worker: { amount: 1, size: "M" } },
  "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" }, redis: { plan: "redis-starter-256" } },
  "paasenv:env": { DJANGO_SETTINGS_MODULE: "myapp.settings.staging", CELERY_BROKER_URL: "$REDIS_URL" },
  "paasenv:domains": [{ name: "bench.example.com" }],
  "paasenv:dns": { provider: "manual" },
  "paasenv:storage": { enabled: false },
};

/** An empty Pulumi TypeScript program with Pulumi's default settings: `export {}`. */
export function emptyProject(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: empty\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A copy of this project (the committed Pulumi.yaml, program, components and providers). */
export function paasenvProject(dir: string): string {
  return copyProject(dir);
}

/** Writes `Pulumi.<stack>.yaml` with `config`, keeping what `pulumi stack init` wrote. */
export function writeStackConfig(dir: string, stack: string, config: Record<string, unknown>): void {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const kept = existing.split("\n").filter((line) => /^(encryptionsalt|secretsprovider):/.test(line));
  fs.writeFileSync(file, `${[...kept, stringify({ config })].join("\n")}`);
}
