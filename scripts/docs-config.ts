/** Rewrite the configuration reference (docs/configuration.md) from the zod schema (`npm run docs:config`). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withConfigReference } from "../components/config/reference";

const page = join(__dirname, "..", "docs", "configuration.md");
writeFileSync(page, withConfigReference(readFileSync(page, "utf8")));
console.log("docs/configuration.md: configuration reference regenerated");
