import { gunzipSync } from "node:zlib";
import { Parser } from "tar";

/** Marker file: an archive whose app folder contains it fails its deployment with `build-error`. */
export const FAIL_BUILD_MARKER = ".paasenv-fail-build";

/** What a deployment learns from a source archive. */
export interface ArchiveInfo {
  /** The single top-level folder. */
  folder: string;
  /** Files and folders relative to that folder. */
  entries: string[];
  /** Procfile text, when the archive has one at the top of the app folder. */
  procfile: string | undefined;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Lists a tar stream's entries, keeping the text of files whose path passes `keep`. */
function listTar(
  tar: Buffer,
  keep: (path: string) => boolean,
): Promise<{ paths: string[]; files: Map<string, string> }> {
  return new Promise((resolve, reject) => {
    const paths: string[] = [];
    const files = new Map<string, string>();
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        paths.push(entry.path);
        if (!keep(entry.path)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on("data", (chunk: Buffer) => chunks.push(chunk));
        entry.on("end", () => files.set(entry.path, Buffer.concat(chunks).toString("utf8")));
      },
    });
    parser.on("error", reject);
    parser.on("end", () => resolve({ paths, files }));
    parser.end(tar);
  });
}

/**
 * Checks a source archive the way Scalingo expects it (a gzipped tar with a single top-level folder) and reads
 * its Procfile; resolves to an error message when the archive is not acceptable.
 */
export async function inspectArchive(data: Buffer): Promise<ArchiveInfo | string> {
  if (data.length < 2 || data[0] !== GZIP_MAGIC[0] || data[1] !== GZIP_MAGIC[1])
    return "the archive is not gzipped";
  let tar: Buffer;
  try {
    tar = gunzipSync(data);
  } catch (error) {
    return `the archive cannot be gunzipped: ${(error as Error).message}`;
  }
  const normalise = (path: string) => path.replace(/^\.\//, "").replace(/\/$/, "");
  let listing: { paths: string[]; files: Map<string, string> };
  try {
    listing = await listTar(tar, (path) => /^[^/]+\/Procfile$/.test(normalise(path)));
  } catch (error) {
    return `the archive is not a valid tar file: ${(error as Error).message}`;
  }
  const paths = listing.paths.map(normalise).filter((p) => p !== "" && p !== ".");
  const tops = new Set(paths.map((p) => p.split("/")[0]));
  const [folder] = tops;
  if (tops.size !== 1 || folder === undefined || !paths.some((p) => p.startsWith(`${folder}/`))) {
    return `the archive must contain a single top-level folder (found: ${[...tops].join(", ") || "nothing"})`;
  }
  const procfile = [...listing.files.entries()].find(
    ([path]) => normalise(path) === `${folder}/Procfile`,
  )?.[1];
  const entries = paths.filter((p) => p !== folder).map((p) => p.slice(folder.length + 1));
  return { folder, entries, procfile };
}

/** Procfile entries Scalingo runs as hooks, not as container types. */
const HOOK_ENTRIES = new Set(["postdeploy"]);

/**
 * Parses a Procfile (`type: command` lines) into its process types; a missing or empty one means a single
 * `web` type. `postdeploy` is a hook run once per deployment, not a container type.
 */
export function parseProcfile(text: string | undefined): Record<string, string> {
  const types: Record<string, string> = {};
  for (const line of (text ?? "").split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined && !HOOK_ENTRIES.has(match[1])) {
      types[match[1]] = match[2].trim();
    }
  }
  return Object.keys(types).length === 0 ? { web: "npm start" } : types;
}
