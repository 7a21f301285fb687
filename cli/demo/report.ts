/**
 * What the demo prints after `up`: the stack outputs (secrets masked), then what exists in the emulators — the
 * app, its processes, add-ons, variable names, domains with their certificates (waited for, as Let's Encrypt takes
 * a moment), and the DNS records at the Alwaysdata emulator.
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { pollUntil } from "../../providers/base/polling";
import type { ScalingoTarget } from "./env";
import {
  certificatesPending,
  type EmulatorAppState,
  fetchDnsRecords,
  fetchEmulatorState,
  findApp,
  summarizeApp,
  summarizeDnsRecords,
} from "./summary";

/** How the demo talks: a heading, and indented lines under it. */
export interface Say {
  heading(text: string): void;
  line(text: string): void;
}

/** The stack outputs, one per line; a secret output shows as `[secret]`. */
export function printOutputs(say: Say, outputs: OutputMap): void {
  say.heading("Stack outputs");
  for (const [key, output] of Object.entries(outputs)) {
    say.line(`${key.padEnd(16)} ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
  }
}

/** The app in the emulator once none of its certificates is pending (within 60 s), saying what it waits for. */
async function appWithCertificates(
  say: Say,
  url: string,
  region: string,
  appName: string,
): Promise<EmulatorAppState | undefined> {
  const read = async () => findApp(await fetchEmulatorState(url), region, appName);
  return pollUntil({
    provider: "demo",
    what: `the certificates of ${appName}'s domains`,
    timeoutMs: 60_000,
    intervalMs: 500,
    hint: "the emulator issues them after --operation-ms; see its output",
    probe: read,
    done: (app) => app === undefined || !certificatesPending(app),
    state: () => "Let's Encrypt pending",
    progress: (text) => say.line(`waiting for ${text}`),
  });
}

/** What now exists: the app (from the emulator's state) and the DNS records (from the Alwaysdata emulator). */
export async function printSummary(
  say: Say,
  scalingo: ScalingoTarget,
  region: string,
  appName: string,
): Promise<void> {
  say.heading(`What now exists in ${scalingo.ownEmulator ? "the emulators" : scalingo.authUrl}`);
  try {
    const app = await appWithCertificates(say, scalingo.authUrl, region, appName);
    for (const line of app ? summarizeApp(region, app) : [`no app "${appName}" in ${region}`]) say.line(line);
  } catch (error) {
    say.line(
      `no summary: ${error instanceof Error ? error.message : String(error)} (only the emulator has one)`,
    );
  }
  if (scalingo.alwaysdata === undefined) return;
  const records = await fetchDnsRecords(scalingo.alwaysdata.url, scalingo.alwaysdata.apiKey);
  for (const line of summarizeDnsRecords(records)) say.line(`${line}   (Alwaysdata emulator)`);
}
