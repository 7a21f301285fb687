/**
 * The bucket: private, and versioned (an overwritten or deleted file can be brought back). Scaleway's
 * resources are typed by their package; paasenv declares a Bucket with no ACL (private) and a BucketPolicy
 * that admits the app and the deployer only (`components/storage-policies.ts`).
 */
import { bucketVersioning, TYPES, textInput } from "../resources";
import type { ResourceRule, StackRule } from "./rule";

/** Whether a bucket policy document (JSON text) admits anyone: a `*` principal, bare or under `SCW`/`AWS`. */
export function admitsAnyone(policy: string): boolean {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  const statements = (document as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return list.some((statement) => {
    const principal = (statement as { Principal?: unknown; Effect?: unknown } | undefined)?.Principal;
    const effect = (statement as { Effect?: unknown } | undefined)?.Effect;
    if (effect !== "Allow") return false;
    if (principal === "*") return true;
    return Object.values(principal ?? {}).some(
      (value) => value === "*" || (Array.isArray(value) && value.includes("*")),
    );
  });
}

const isPublicAcl = (acl: string | undefined) => acl !== undefined && acl !== "private";

export const bucketPrivate: StackRule = {
  name: "bucket-private",
  description: "The bucket is private: no public ACL, no bucket policy admitting anyone.",
  types: [TYPES.bucket, TYPES.bucketAcl, TYPES.bucketPolicy],
  check: (resources) =>
    resources.flatMap(({ type, name, props }) => {
      const acl = type === TYPES.bucket || type === TYPES.bucketAcl ? textInput(props, "acl") : undefined;
      if (isPublicAcl(acl))
        return [
          `\`${name}\` makes the bucket \`${acl}\`: paasenv declares it private; remove the \`acl\` that your ` +
            "program (or a transform) sets",
        ];
      const policy = type === TYPES.bucketPolicy ? textInput(props, "policy") : undefined;
      if (policy !== undefined && admitsAnyone(policy))
        return [
          `\`${name}\` admits anyone (a \`*\` principal): paasenv's bucket policy admits the app and the ` +
            "deployer only; remove the statement that your program (or a transform) adds",
        ];
      return [];
    }),
};

export const bucketVersioningOn: ResourceRule = {
  name: "bucket-versioning",
  description: "The bucket keeps old versions of its objects.",
  type: TYPES.bucket,
  check: ({ props }) =>
    bucketVersioning(props)
      ? []
      : [
          "the bucket keeps no old versions, so an overwritten or deleted file is lost: set `paasenv:storage.versioning` to `true`",
        ],
};
