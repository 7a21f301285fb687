/** The plain-text reports of `review gc` and `recover`: one `action  name  detail` line each, aligned. */

/** One line of a report. */
export interface ReportLine {
  action: string;
  name: string;
  detail: string;
}

/** The report as text, columns aligned; `nothing to do` when empty. */
export function renderReport(lines: readonly ReportLine[]): string {
  if (lines.length === 0) return "nothing to do";
  const width = Math.max(...lines.map((line) => line.action.length));
  const nameWidth = Math.max(...lines.map((line) => line.name.length));
  return lines
    .map((l) => `${l.action.padEnd(width)}  ${l.name.padEnd(nameWidth)}  ${l.detail}`.trimEnd())
    .join("\n");
}
