/**
 * Which Scalingo apps belong to a stack — any stack of the backend, every project — read from each stack's
 * state (`pulumi stack export`: no passphrase needed, secrets stay ciphertext). `review gc` never takes an app
 * any stack owns for an orphan.
 */
import { type Io, type PulumiSession, progress } from "./pulumi";
import { type ExportedResource, type ExportedStack, exportState } from "./stack-state";

/** Whether a resource of a state is a paasenv Scalingo app. */
function isApp(resource: ExportedResource): boolean {
  return resource.inputs?.resourceType === "scalingo:App" || resource.type.endsWith("scalingo:App");
}

/**
 * The app names a stack's state holds: every App resource's name as created and as declared, and the name of
 * an App a killed run was creating (a pending create).
 */
export function appNamesInState(state: ExportedStack): string[] {
  const { resources = [], pending_operations: pending = [] } = state.deployment;
  const apps = [...resources, ...pending.map((op) => op.resource)].filter(isApp);
  const names = apps.flatMap((app) => [app.outputs?.name, app.inputs?.name]);
  return [...new Set(names.filter((name): name is string => typeof name === "string"))];
}

/** The apps of every stack, and the stacks whose state could not be read (their apps are unknown). */
export interface OwnedApps {
  names: Set<string>;
  unreadable: string[];
}

/** Reads the state of every stack of the backend (`pulumi stack ls --all`) for the apps it owns. */
export async function ownedApps(session: PulumiSession, cwd: string, io: Io): Promise<OwnedApps> {
  const stacks = await session.workspace.listStacks({ all: true });
  progress(io, `reading the state of ${stacks.length} stack(s) for the apps they own`);
  const owned: OwnedApps = { names: new Set(), unreadable: [] };
  for (const { name } of stacks) {
    try {
      for (const app of appNamesInState(await exportState(session, cwd, name))) owned.names.add(app);
    } catch {
      owned.unreadable.push(name);
    }
  }
  return owned;
}
