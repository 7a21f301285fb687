/** The bench's Markdown table: each figure with its floor, the ratio, and the goal it answers to. */
import type { Calls } from "./api";
import type { BenchOptions } from "./options";
import type { ReviewResult } from "./review";
import type { Spread } from "./run";
import type { Measured } from "./scenarios";

/** Everything one bench run measured. */
export interface Report {
  machine: string;
  options: BenchOptions;
  floor: Measured;
  noopPreview: Measured;
  noopUp: Measured;
  refresh: Measured;
  create: Measured;
  overhead: Spread;
  destroy: Measured;
  memoryMb: number;
  review?: ReviewResult;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const range = (s: Spread) => `${seconds(s.median)} (${seconds(s.min)}–${seconds(s.max)})`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");
const calls = (c: Calls | undefined) => (c ? `${c.reads} / ${c.writes} / ${c.exchanges}` : "—");

/** Says when the rate limit is not Scalingo's own (60 a minute per token), and by how much it is scaled. */
export function scaledNote(rateLimit: number): string {
  if (rateLimit === 60) return " (Scalingo's own limit)";
  return ` (Scalingo's is 60: scaled ×${(rateLimit / 60).toFixed(rateLimit % 60 === 0 ? 0 : 1)} so the scenario fits in the bench's time)`;
}

/** The table printed to stdout (and quoted in docs/benchmarks.md). */
export function markdownReport(report: Report): string {
  const floor = report.floor.time.median;
  const { options } = report;
  const rows = [
    ["empty TypeScript program: preview (the floor)", range(report.floor.time), "1.00×", "—", ""],
    [
      "no-op `pulumi preview`",
      range(report.noopPreview.time),
      ratio(report.noopPreview.time.median, floor),
      calls(report.noopPreview.calls),
      "≤ 1.3×, 0 calls",
    ],
    [
      "no-op `pulumi up`",
      range(report.noopUp.time),
      ratio(report.noopUp.time.median, floor),
      calls(report.noopUp.calls),
      "0 calls",
    ],
    [
      "`pulumi refresh`",
      range(report.refresh.time),
      ratio(report.refresh.time.median, floor),
      calls(report.refresh.calls),
      "≤ 1 read per resource, 1 exchange",
    ],
    ["create (`pulumi up`)", range(report.create.time), "—", calls(report.create.calls), ""],
    [
      "create minus the API's critical path",
      range(report.overhead),
      ratio(report.overhead.median, floor),
      "—",
      "≤ 1.5×",
    ],
    [
      "`pulumi destroy`",
      range(report.destroy.time),
      ratio(report.destroy.time.median, floor),
      calls(report.destroy.calls),
      "≤ 2 writes",
    ],
  ];
  const lines = [
    `Machine: ${report.machine}. Emulator latencies: ${options.latencyMs} ms per call, add-on provisioning ${options.addonProvisionMs} ms, operations ${options.operationMs} ms. ${options.runs} runs each: median (min–max); ratios to the floor's median.`,
    "",
    "| measurement | time | × floor | API calls per run (reads / writes / token exchanges) | goal |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `Peak memory of the program process (no-op preview): ${report.memoryMb.toFixed(0)} MiB.`,
  ];
  const review = report.review;
  if (review) {
    lines.push(
      "",
      `Review environments: ${review.stacks} stacks up then down, ${options.reviewConcurrency} at a time, at ${options.rateLimit} requests/minute${scaledNote(options.rateLimit)}: ` +
        `${seconds(review.wallMs)} against a floor of ${seconds(review.floorMs)} (${ratio(review.wallMs, review.floorMs)}; goal ≤ 1.2×); ` +
        `${review.accepted} calls accepted (${review.callsPerStack.toFixed(1)} per stack; goal ≤ 20), ${review.refused} refused with 429 and retried; ` +
        `${review.failures.length} failures${review.failures.length ? `: ${review.failures.join("; ")}` : ""}.`,
    );
  }
  return lines.join("\n");
}
