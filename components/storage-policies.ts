/**
 * Who may touch an environment's bucket, as pure data for `ObjectStorage`. Scaleway IAM scopes Object Storage
 * permissions to a whole project, so the app's IAM policy alone would let a review app's key read or delete
 * production's bucket in the same project. A bucket policy closes that: once a bucket has one, only the
 * principals it names may act on the bucket (besides the Organization owner, who may always replace the
 * policy), so every paasenv bucket admits its own app (objects only) and the deployer (everything).
 * @see https://www.scaleway.com/en/docs/object-storage/api-cli/combining-iam-and-object-storage/
 * @see https://www.scaleway.com/en/docs/object-storage/api-cli/bucket-policy/
 * @see https://www.scaleway.com/en/docs/object-storage/reference-content/s3-iam-permissions-equivalence/
 */

/** The app's IAM permission sets, on the bucket's project: objects only, never bucket settings or deletion. */
export const APP_PERMISSION_SETS = [
  "ObjectStorageObjectsRead",
  "ObjectStorageObjectsWrite",
  "ObjectStorageObjectsDelete",
] as const;

/** What the app may do in its bucket: what django-storages and boto3 need (list, read, write, delete). */
export const APP_BUCKET_ACTIONS = [
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
  "s3:ListMultipartUploadParts",
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
] as const;

/** The current bucket-policy language (`2012-10-17` is deprecated on Scaleway). */
export const BUCKET_POLICY_VERSION = "2023-04-17";

/** A Scaleway principal in a bucket policy: `application_id:<id>` or `user_id:<id>`. */
export type Principal = `application_id:${string}` | `user_id:${string}`;

/**
 * The principal behind an API key (`scaleway.iam.getApiKey`): its user, else its application. Throws when
 * the key names neither (the bucket policy must never be written without the deployer in it).
 */
export function principalOf(key: { accessKey: string; userId?: string; applicationId?: string }): Principal {
  if (key.userId !== undefined && key.userId !== "") return `user_id:${key.userId}`;
  if (key.applicationId !== undefined && key.applicationId !== "")
    return `application_id:${key.applicationId}`;
  throw new Error(
    `the Scaleway API key ${key.accessKey} belongs to no user or application, so the bucket policy could not ` +
      "admit it: check `scaleway:accessKey` / SCW_ACCESS_KEY",
  );
}

/** The bucket policy: the app's object actions and, for whoever runs Pulumi, everything; nobody else. */
export function bucketPolicyDocument(bucketName: string, app: Principal, deployer: Principal) {
  const resources = [bucketName, `${bucketName}/*`];
  return {
    Version: BUCKET_POLICY_VERSION,
    Id: `paasenv-${bucketName}`,
    Statement: [
      {
        Sid: "TheAppReadsAndWritesItsObjects",
        Effect: "Allow",
        Principal: { SCW: app },
        Action: [...APP_BUCKET_ACTIONS],
        Resource: resources,
      },
      {
        Sid: "TheDeployerManagesTheBucket",
        Effect: "Allow",
        Principal: { SCW: deployer },
        Action: ["s3:*"],
        Resource: resources,
      },
    ],
  };
}
