/**
 * Naming and checking the source archive of a deployment. Scalingo wants a gzipped tar whose files sit in one
 * top-level folder; `git archive --prefix=<folder>/` builds exactly that.
 * @see https://developers.scalingo.com/deployments#deploy-an-archive
 */

/** Characters kept in a folder name; anything else becomes `-`. */
const UNSAFE = /[^A-Za-z0-9._-]+/g;

/**
 * The top-level folder of the archive: the repository's folder name and the short commit, made safe for a path.
 * @example archiveFolder("/home/me/My App", "0123456789abcdef") → "My-App-0123456789ab"
 */
export function archiveFolder(repoDir: string, commit: string): string {
  const base =
    repoDir
      .replace(/[\\/]+$/, "")
      .split(/[\\/]/)
      .at(-1) ?? "";
  const name = base.replace(UNSAFE, "-").replace(/^[-._]+|[-._]+$/g, "");
  return `${name === "" ? "app" : name}-${commit.slice(0, 12)}`;
}

/** The archive's file name: `<folder>.tar.gz`. */
export function archiveFileName(folder: string): string {
  return `${folder}.tar.gz`;
}

/** True when `bytes` starts with the gzip magic number (`1f 8b`). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Human-readable size: `512 B`, `12.3 KiB`, `4.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A URL without its query string and fragment (upload and download URLs carry signatures). */
export function redactUrl(url: string): string {
  return url.replace(/[?#].*$/, "");
}
