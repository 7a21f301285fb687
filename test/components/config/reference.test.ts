import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configReferenceMarkdown, withConfigReference } from "../../../components/config/reference";

describe("the configuration reference (docs/configuration.md)", () => {
  it("is the one generated from the zod schema (run `npm run docs:config` after changing the schema)", () => {
    const page = readFileSync(join(__dirname, "../../../docs/configuration.md"), "utf8");
    expect(withConfigReference(page)).toBe(page);
  });

  it("lists nested keys with their type and default", () => {
    const table = configReferenceMarkdown();
    expect(table).toContain(
      '| `paasenv:processes.web.size` | `"S"` \\| `"M"` \\| `"L"` \\| `"XL"` \\| `"2XL"` \\| `"3XL"` | `"M"` |',
    );
    expect(table).toContain("| `paasenv:processes.web.amount` | integer | `1` |");
    expect(table).toContain("| `paasenv:app.name` | string | **required** |");
    expect(table).toContain("| `paasenv:domains[].canonical` | boolean | — |");
  });

  it("refuses a page without the markers", () => {
    expect(() => withConfigReference("# no markers")).toThrow(
      "docs/configuration.md lacks the config-reference markers",
    );
  });
});
