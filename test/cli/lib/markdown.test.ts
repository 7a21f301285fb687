import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { cell, code, commentMarker, renderMarkdown, renderProperty } from "../../../cli/lib/markdown";
import { type PlanSummary, summarizePlan } from "../../../cli/lib/plan-summary";

const fixture = (name: string): EngineEvent[] =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8")) as EngineEvent[];

/** Every plaintext secret the fixtures carry somewhere (the planted ones included). */
const SECRETS = ["sk-planted-in-debug-log", "tk-planted-provider-token"];

describe("renderMarkdown", () => {
  it("renders a plan upgrade: counts, the plan diff, the variables masked, no secret anywhere", () => {
    const raw = fs.readFileSync(path.join(__dirname, "..", "fixtures", "preview-plan-upgrade.json"), "utf8");
    expect(SECRETS.filter((secret) => raw.includes(secret))).toEqual(SECRETS); // the fixture does hold them
    const markdown = renderMarkdown(summarizePlan("staging", fixture("preview-plan-upgrade.json")));
    expect(SECRETS.filter((secret) => markdown.includes(secret))).toEqual([]);
    expect(markdown).toContain(commentMarker("staging"));
    expect(markdown).toContain("**0 to replace, 0 to delete, 2 to update, 0 to create** (4 unchanged)");
    expect(markdown).toContain(
      "| ~ update | `paasenv-postgresql` 🛢️ | Addon | `plan`: `postgresql-starter-512` → `postgresql-starter-1024` |",
    );
    expect(markdown).toContain(
      "| ~ update | `paasenv-variables` | Variables | `variables`: `[secret]` (changed) |",
    );
    expect(markdown).not.toContain("[!WARNING]");
  });

  it("renders a replace: the data-bearing warning and the property forcing it", () => {
    const markdown = renderMarkdown(summarizePlan("staging", fixture("preview-replace.json")));
    expect(SECRETS.filter((secret) => markdown.includes(secret))).toEqual([]);
    expect(markdown).toContain("**1 to replace, 0 to delete, 1 to update, 0 to create**");
    expect(markdown).toContain("> [!WARNING]");
    expect(markdown).toContain("`paasenv-postgresql` (Addon, replace)");
    expect(markdown).toContain("`version`: `16` → `17` **(forces replacement)**");
    // replaces come first
    expect(markdown.indexOf("± replace")).toBeLessThan(markdown.indexOf("~ update"));
  });

  it("says so when nothing changes", () => {
    const summary: PlanSummary = {
      stack: "production",
      counts: { create: 0, update: 0, replace: 0, delete: 0, same: 9 },
      changes: [],
    };
    expect(renderMarkdown(summary, { subtitle: "at abc123" })).toBe(
      [
        "<!-- paasenv-preview:production -->",
        "### Pulumi preview of `production`",
        "",
        "at abc123",
        "",
        "**0 to replace, 0 to delete, 0 to update, 0 to create** (9 unchanged)",
        "",
        "No changes.",
        "",
      ].join("\n"),
    );
  });

  it("caps resources and properties", () => {
    const many: PlanSummary = {
      stack: "s",
      counts: { create: 5, update: 0, replace: 0, delete: 0, same: 0 },
      changes: Array.from({ length: 5 }, (_, i) => ({
        kind: "create" as const,
        urn: `urn:pulumi:s::p::t::r${i}`,
        name: `r${i}`,
        type: "t",
        dataBearing: false,
        properties: Array.from({ length: 4 }, (_, j) => ({
          path: `p${j}`,
          kind: "add",
          before: undefined,
          after: "v",
        })),
      })),
    };
    const markdown = renderMarkdown(many, { maxResources: 2, maxPropertiesPerResource: 1 });
    expect(markdown).toContain("… and 3 more resources.");
    expect(markdown).toContain("`p0`: `v` (added)<br>… and 3 more");
  });

  it("escapes table cells and code spans", () => {
    expect(cell("a|b\nc")).toBe("a\\|b c");
    expect(code("x`y")).toBe("``x`y``");
    expect(code("`x")).toBe("`` `x ``");
    expect(renderProperty({ path: "name", kind: "delete", before: "old", after: undefined })).toBe(
      "`name`: `old` (removed)",
    );
  });
});
