/**
 * Renders a {@link PlanSummary} as a compact Markdown comment: counts, a warning for data-bearing
 * resources that would be replaced or deleted, and one table row per changed resource with its
 * property diffs. Values come already masked from plan-summary.ts; this module adds no value of its own.
 */
import type { ChangeKind, PlanSummary, PropertyChange, ResourceChange } from "./plan-summary";
import { SECRET_TEXT, shortType } from "./plan-summary";

/** Rendering limits, so a huge plan still fits in a comment (GitHub caps comments at 65,536 characters). */
export interface RenderOptions {
  /** Heading text; defaults to "Pulumi preview of `<stack>`". */
  title?: string;
  /** A line under the heading, e.g. the commit previewed. */
  subtitle?: string;
  maxResources?: number;
  maxPropertiesPerResource?: number;
}

const SYMBOL: Record<ChangeKind, string> = {
  create: "+ create",
  update: "~ update",
  replace: "± replace",
  delete: "- delete",
};
const ORDER: ChangeKind[] = ["replace", "delete", "update", "create"];

/** The HTML comment that identifies the PR comment of `stack`, so a workflow can update it in place. */
export function commentMarker(stack: string): string {
  return `<!-- paasenv-preview:${stack} -->`;
}

/** Escapes text for a table cell (pipes, newlines) and a code span (backticks). */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** A code span that survives backticks inside the value. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `plan: "a" → "b"`, `+ name: "x"`, `- name: "y"` for one property. */
export function renderProperty(change: PropertyChange): string {
  const path = code(change.path);
  if (change.before === undefined && change.after === undefined) return `${path} changed`;
  if (change.before === SECRET_TEXT && change.after === SECRET_TEXT)
    return `${path}: ${code(SECRET_TEXT)} (changed)`;
  if (change.before === undefined) return `${path}: ${code(change.after ?? "")} (added)`;
  if (change.after === undefined) return `${path}: ${code(change.before)} (removed)`;
  const replaces = change.kind.endsWith("-replace") ? " **(forces replacement)**" : "";
  return `${path}: ${code(change.before)} → ${code(change.after)}${replaces}`;
}

/** The counts line: `1 to replace, 2 to update, 0 to create, 0 to delete (5 unchanged)`. */
export function renderCounts(summary: PlanSummary): string {
  const { counts } = summary;
  const parts = ORDER.map((kind) => `${counts[kind]} to ${kind}`);
  return `**${parts.join(", ")}** (${counts.same} unchanged)`;
}

function renderRow(change: ResourceChange, maxProperties: number): string {
  const shown = change.properties.slice(0, maxProperties).map(renderProperty);
  const hidden = change.properties.length - shown.length;
  if (hidden > 0) shown.push(`… and ${hidden} more`);
  const flag = change.dataBearing ? " 🛢️" : "";
  return `| ${SYMBOL[change.kind]} | ${cell(code(change.name))}${flag} | ${shortType(change.type)} | ${cell(shown.join("<br>"))} |`;
}

/** The warning about data-bearing resources that would be replaced or deleted, if any. */
export function renderDataWarning(summary: PlanSummary): string | undefined {
  const risky = summary.changes.filter((c) => c.dataBearing && (c.kind === "replace" || c.kind === "delete"));
  if (risky.length === 0) return undefined;
  const list = risky.map((c) => `${code(c.name)} (${shortType(c.type)}, ${c.kind})`).join(", ");
  return (
    `> [!WARNING]\n> **Data-bearing resources would be replaced or deleted:** ${list}. Their data is lost; ` +
    "paasenv refuses it unless `paasenv:permitDataLoss` names each one by its current ID."
  );
}

/** The whole Markdown summary of a preview. Deterministic: the same summary gives the same text. */
export function renderMarkdown(summary: PlanSummary, options: RenderOptions = {}): string {
  const maxResources = options.maxResources ?? 60;
  const maxProperties = options.maxPropertiesPerResource ?? 12;
  const lines = [
    commentMarker(summary.stack),
    `### ${options.title ?? `Pulumi preview of \`${summary.stack}\``}`,
  ];
  if (options.subtitle !== undefined) lines.push("", options.subtitle);
  lines.push("", renderCounts(summary));
  if (summary.changes.length === 0) {
    lines.push("", "No changes.");
    return `${lines.join("\n")}\n`;
  }
  const warning = renderDataWarning(summary);
  if (warning !== undefined) lines.push("", warning);
  const sorted = [...summary.changes].sort(
    (a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.urn.localeCompare(b.urn),
  );
  lines.push("", "| change | resource | type | properties |", "|---|---|---|---|");
  lines.push(...sorted.slice(0, maxResources).map((change) => renderRow(change, maxProperties)));
  if (sorted.length > maxResources) lines.push("", `… and ${sorted.length - maxResources} more resources.`);
  lines.push("", "<sub>Secret values are shown as `[secret]`. 🛢️ marks data-bearing resources.</sub>");
  return `${lines.join("\n")}\n`;
}
