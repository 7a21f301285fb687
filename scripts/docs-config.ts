/** Rewrite the README's configuration reference from the zod schema (`npm run docs:config`). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withConfigReference } from "../components/config/reference";

const readme = join(__dirname, "..", "README.md");
writeFileSync(readme, withConfigReference(readFileSync(readme, "utf8")));
console.log("README.md: configuration reference regenerated");
