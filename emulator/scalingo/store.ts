import { REGIONS } from "../../providers/scalingo/limits";
import { readJsonFile, writeJsonFile } from "../json-file";
import { hexId, uuidFromSeq } from "./ids";
import type { AppState, EmulatorState, RegionName, ScheduledTask } from "./types";

/** A fresh, empty state. */
export const emptyState = (): EmulatorState => ({
  version: 1,
  seq: 0,
  regions: { "osc-fr1": { apps: {} }, "osc-secnum-fr1": { apps: {} } },
  sources: {},
  archives: {},
  schedule: [],
});

/** In-memory state with lookups, deterministic IDs, the schedule of delayed changes and persistence. */
export class Store {
  state: EmulatorState;

  constructor(private readonly stateFile: string | undefined) {
    this.state = stateFile === undefined ? emptyState() : loadState(stateFile);
  }

  /** Next 24-hex ID. */
  nextId(): string {
    this.state.seq += 1;
    return hexId(this.state.seq);
  }

  /** Next prefixed UUID-shaped ID (`no-…`, `al-…`). */
  nextUuid(prefix: string): string {
    this.state.seq += 1;
    return `${prefix}${uuidFromSeq(this.state.seq)}`;
  }

  /** The app with this name or ID in the region. */
  findApp(region: RegionName, nameOrId: string): AppState | undefined {
    const apps = this.state.regions[region].apps;
    return apps[nameOrId] ?? Object.values(apps).find((a) => a.app.id === nameOrId);
  }

  /** The app with this ID in any region. */
  findAppById(region: RegionName, id: string): AppState | undefined {
    return Object.values(this.state.regions[region].apps).find((a) => a.app.id === id);
  }

  /** Apps of a region. */
  apps(region: RegionName): AppState[] {
    return Object.values(this.state.regions[region].apps);
  }

  /** Stores an app under its current name. */
  putApp(region: RegionName, appState: AppState): void {
    this.state.regions[region].apps[appState.app.name] = appState;
  }

  /** Removes an app (by its current name) and anything scheduled for it. */
  deleteApp(region: RegionName, appState: AppState): void {
    delete this.state.regions[region].apps[appState.app.name];
    this.state.schedule = this.state.schedule.filter((t) => t.appId !== appState.app.id);
  }

  /** Plans a change at `task.at`; applied lazily when a later request arrives. */
  schedule(task: ScheduledTask): void {
    this.state.schedule.push(task);
  }

  /** Drops scheduled tasks matching the predicate (e.g. a superseded plan change). */
  unschedule(predicate: (task: ScheduledTask) => boolean): void {
    this.state.schedule = this.state.schedule.filter((t) => !predicate(t));
  }

  /** Clears everything stored. */
  reset(): void {
    this.state = emptyState();
    this.save();
  }

  /** Writes the state file atomically (temporary file then rename), when one is configured. */
  save(): void {
    if (this.stateFile !== undefined) writeJsonFile(this.stateFile, this.state);
  }
}

/** Reads a state file; a missing file means an empty state, a malformed one is an error naming the file. */
export function loadState(file: string): EmulatorState {
  const stored = readJsonFile(file);
  if (stored === undefined) return emptyState();
  const parsed = stored as Partial<EmulatorState>;
  if (parsed.version !== 1 || typeof parsed.regions !== "object" || parsed.regions === null) {
    throw new Error(`Emulator state file ${file} is not a version 1 emulator state.`);
  }
  const state = { ...emptyState(), ...parsed } as EmulatorState;
  for (const region of REGIONS) state.regions[region] ??= { apps: {} };
  return state;
}
