/**
 * What `paasenv deploy`, `status` and `db restore` read from a stack: its environment and region (configuration), its Scalingo
 * connection keys (`scalingo:*`, secrets decrypted) and the app it manages (the `appName` output), so that
 * nobody ever types an app name.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import type { DnsConfig, DomainConfig } from "../../components/config/domains";
import { applyReviewOverrides } from "../../components/config/review";
import { fromPulumiConfig, parseStackConfig } from "../../components/config/schema";
import { type CliError, cliError, messageOf } from "../lib/errors";
import type { PulumiSession } from "../lib/pulumi";

/** A stack's configuration as far as deploying goes. */
export interface StackSettings {
  stack: Stack;
  /** `paasenv:environment`: `staging`, `production` or `review`. */
  environment: string;
  /** `paasenv:app.region`. */
  region: string;
  /** The stack's `scalingo:*` keys (connection settings and the secret API token). */
  scalingoConfig: Record<string, string>;
  /** The custom domains and their DNS management, as the program sees them (review overrides applied). */
  domains: DomainConfig[];
  dns: DnsConfig;
}

/**
 * Opens `name` and reads its configuration; fails naming the command (`what`) and the stack when it is missing
 * or invalid.
 */
export async function readStackSettings(
  session: PulumiSession,
  name: string,
  what = "deploy",
): Promise<StackSettings> {
  const stack = await session.selectStack(name);
  if (stack === undefined) {
    throw cliError(
      `${what} ${name}: no stack "${name}" in this backend (see \`pulumi stack ls\`; review stacks come from \`paasenv review up <N>\`)`,
    );
  }
  const all = await stack.getAllConfig().catch((error: unknown) => {
    throw cliError(`${what} ${name}: cannot read the stack's configuration (${messageOf(error)})`);
  });
  const values = Object.fromEntries(Object.entries(all).map(([key, entry]) => [key, entry.value]));
  let parsed: ReturnType<typeof parseStackConfig>;
  try {
    parsed = parseStackConfig(fromPulumiConfig(values));
  } catch (error) {
    throw cliError(`${what} ${name}: the stack's configuration is invalid: ${messageOf(error)}`);
  }
  const scalingoConfig = Object.fromEntries(
    Object.entries(values).filter(([key]) => key.startsWith("scalingo:")),
  );
  const { domains, dns } = applyReviewOverrides(parsed);
  return { stack, environment: parsed.environment, region: parsed.app.region, scalingoConfig, domains, dns };
}

/** The deployed app of a stack, from its outputs. */
export interface StackApp {
  appName: string;
  /** The environment's URL (`url` output): the canonical custom domain when domains are handled. */
  url: string | undefined;
  /** The app's own `https://<app>.<region>.scalingo.io` (`baseUrl` output). */
  baseUrl: string | undefined;
}

/** A non-empty string output, or `undefined`. */
function stringOutput(outputs: Record<string, { value: unknown }>, key: string): string | undefined {
  const value = outputs[key]?.value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The app name (and URLs) from the stack's outputs, or `undefined` when the stack was never brought up. */
export async function readStackAppIfUp(stack: Stack, what = "deploy"): Promise<StackApp | undefined> {
  const outputs = await stack.outputs().catch((error: unknown) => {
    throw cliError(`${what} ${stack.name}: cannot read the stack's outputs (${messageOf(error)})`);
  });
  const appName = stringOutput(outputs, "appName");
  if (appName === undefined) return undefined;
  return { appName, url: stringOutput(outputs, "url"), baseUrl: stringOutput(outputs, "baseUrl") };
}

/** The error of a stack with no app yet. */
export function noAppYet(stack: string, what = "deploy"): CliError {
  return cliError(
    `${what} ${stack}: the stack has no \`appName\` output, so its app does not exist yet; ` +
      `run \`pulumi up --stack ${stack}\` (or \`paasenv review up <N>\`) first`,
  );
}

/** The app name (and URLs) from the stack's outputs; fails when the stack was never brought up. */
export async function readStackApp(stack: Stack, what = "deploy"): Promise<StackApp> {
  const app = await readStackAppIfUp(stack, what);
  if (app === undefined) throw noAppYet(stack.name, what);
  return app;
}
