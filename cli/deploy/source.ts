/**
 * Where the code of a deploy comes from, and the URL Scalingo downloads it from: a `git archive` of a ref of the
 * application repository (the default), a ready-made archive (`--archive`) or a URL (`--source-url`). Archives
 * are uploaded through `POST /v1/sources` and a `PUT`, so private repositories need no SCM link.
 */
import * as fs from "node:fs";
import type { ScalingoClient } from "../../providers/scalingo/client";
import { cliError } from "../lib/errors";
import { type Io, progress } from "../lib/pulumi";
import { createSource, uploadArchive } from "./api";
import { formatSize, isGzip, redactUrl } from "./archive";
import { gitArchive, hasUncommittedChanges, repositoryRoot, resolveRef } from "./git";
import type { DeploySource } from "./policy";

/** Where the code comes from, as the options say. */
export interface SourceOptions {
  repo: string | undefined;
  ref: string | undefined;
  archive: string | undefined;
  sourceUrl: string | undefined;
}

/** The source to deploy, before any archive is built. */
export interface PlannedSource {
  source: DeploySource;
  gitRef: string | undefined;
  repo?: string;
}

/** Resolves where the code comes from (local work only: git, the file system). */
export async function planSource(options: SourceOptions, io: Io): Promise<PlannedSource> {
  if (options.sourceUrl !== undefined) {
    return { source: { kind: "source-url", ref: options.ref }, gitRef: options.ref };
  }
  if (options.archive !== undefined) {
    if (!fs.existsSync(options.archive)) throw cliError(`--archive ${options.archive} does not exist`);
    return { source: { kind: "archive", ref: options.ref }, gitRef: options.ref };
  }
  const repo = await repositoryRoot(options.repo ?? process.cwd());
  const resolved = await resolveRef(repo, options.ref ?? "HEAD");
  if (options.ref === undefined && (await hasUncommittedChanges(repo))) {
    progress(
      io,
      `${repo} has uncommitted changes: they are not deployed (git archive takes committed files)`,
    );
  }
  return { source: { kind: "git", ...resolved }, gitRef: resolved.commit, repo };
}

/** The archive's bytes: `git archive` of the commit, or the `--archive` file (checked to be gzip). */
async function archiveBytes(planned: PlannedSource, options: SourceOptions, io: Io): Promise<Buffer> {
  const { source, repo } = planned;
  if (source.kind === "git" && repo !== undefined) {
    const built = await gitArchive(repo, source.commit);
    try {
      const bytes = fs.readFileSync(built.file);
      progress(
        io,
        `git archive ${source.ref} (${source.commit.slice(0, 12)}) → ${built.folder}/, ${formatSize(bytes.length)}`,
      );
      return bytes;
    } finally {
      built.remove();
    }
  }
  const file = options.archive ?? "";
  const bytes = fs.readFileSync(file);
  if (!isGzip(bytes)) {
    throw cliError(`--archive ${file} is not gzipped; Scalingo wants a .tar.gz with one top-level folder`);
  }
  return bytes;
}

/** The URL Scalingo downloads the code from: `--source-url`, or an upload through `POST /v1/sources`. */
export async function sourceUrlOf(
  client: ScalingoClient,
  planned: PlannedSource,
  options: SourceOptions,
  io: Io,
): Promise<string> {
  if (options.sourceUrl !== undefined) return options.sourceUrl;
  const bytes = await archiveBytes(planned, options, io);
  const source = await createSource(client);
  progress(io, `uploading ${formatSize(bytes.length)} to ${redactUrl(source.upload_url)}`);
  await uploadArchive(client, source.upload_url, bytes);
  return source.download_url;
}
