import { Block, Statement, Synthesized, asList, isAnonymous } from "../model";
import { Rule, at } from "../rule";

const PUBLIC_ACCESS_FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

/** One check per bucket: `problem` returns what is wrong, or undefined. */
function perBucket(app: Synthesized, problem: (bucket: Block) => string | undefined, applies: (bucket: Block) => boolean = () => true) {
  return app
    .resources("aws_s3_bucket")
    .filter(applies)
    .flatMap((bucket) => {
      const p = problem(bucket);
      return p ? [at(bucket, p)] : [];
    });
}

/** The bucket's policy statements, from aws_s3_bucket_policy resources and the bucket's own `policy`. */
function bucketStatements(app: Synthesized, bucket: Block): Statement[] {
  return app
    .policies()
    .filter((u) => (u.block === bucket && u.attribute === "policy") || (u.block.type === "aws_s3_bucket_policy" && u.block.stack === bucket.stack && app.pointsAt(u.block.body.bucket, bucket)))
    .flatMap((u) => u.statements ?? []);
}

/** True for a statement that refuses every S3 request not made over TLS, on the bucket and its objects. */
function deniesPlainHttp(app: Synthesized, bucket: Block, s: Statement): boolean {
  const everyone = s.principals.some(isAnonymous);
  const allS3 = s.actions.includes("s3:*") || s.actions.includes("*");
  const insecure = s.conditions.some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && c.values.length === 1 && c.values[0] === "false");
  const onBucket = s.resources.some((r) => app.pointsAt(r, bucket) && !r.endsWith("/*"));
  const onObjects = s.resources.some((r) => app.pointsAt(r, bucket) && r.endsWith("/*"));
  return s.effect === "Deny" && everyone && allS3 && insecure && onBucket && onObjects;
}

/** A bucket that receives logs: a log delivery destination, CloudFront logging or S3 server access logging points at it, or its name says so. */
function isLogBucket(app: Synthesized, bucket: Block): boolean {
  const pointed = (type: string, read: (b: Block) => unknown[]) => app.resources(type).some((r) => r.stack === bucket.stack && read(r).some((v) => app.pointsAt(v, bucket)));
  return (
    pointed("aws_cloudwatch_log_delivery_destination", (r) => asList(r.body.delivery_destination_configuration).map((c) => c.destination_resource_arn)) ||
    pointed("aws_cloudfront_distribution", (r) => asList(r.body.logging_config).map((c) => c.bucket)) ||
    pointed("aws_s3_bucket_logging", (r) => [r.body.target_bucket]) ||
    /log/.test(String(bucket.body.bucket ?? bucket.body.bucket_prefix ?? ""))
  );
}

export const s3Rules: Rule[] = [
  {
    id: "s3-public-access-block",
    rationale: "Buckets hold viewer logs; all four public access block settings keep them from ever becoming public by ACL or policy.",
    check: (app) =>
      perBucket(app, (bucket) => {
        const blocks = app.attachedTo(bucket, "aws_s3_bucket_public_access_block");
        if (blocks.length === 0) return "has no aws_s3_bucket_public_access_block; add one with all four settings true";
        const off = PUBLIC_ACCESS_FLAGS.filter((f) => !blocks.some((b) => b.body[f] === true));
        return off.length > 0 ? `has a public access block that leaves ${off.join(", ")} off; set all four to true` : undefined;
      }),
  },
  {
    id: "s3-encryption",
    rationale: "Objects are encrypted at rest with a configured algorithm (SSE-S3 or KMS), not left to defaults nobody reviewed.",
    check: (app) =>
      perBucket(app, (bucket) => {
        const rules = [
          ...app.attachedTo(bucket, "aws_s3_bucket_server_side_encryption_configuration").flatMap((c) => asList(c.body.rule)),
          ...asList(bucket.body.server_side_encryption_configuration).flatMap((c) => asList(c.rule)),
        ];
        const algorithms = rules.flatMap((r) => asList(r.apply_server_side_encryption_by_default).map((d) => d.sse_algorithm));
        return algorithms.some((a) => SSE_ALGORITHMS.includes(String(a)))
          ? undefined
          : `has no default encryption; add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm ${SSE_ALGORITHMS.map((a) => JSON.stringify(a)).join(" or ")}`;
      }),
  },
  {
    id: "s3-owner-enforced",
    rationale: "With object ownership BucketOwnerEnforced, ACLs are off: only bucket policies decide access, and we own every object written.",
    check: (app) =>
      perBucket(app, (bucket) => {
        if (bucket.body.acl !== undefined || app.attachedTo(bucket, "aws_s3_bucket_acl").length > 0) return "sets an ACL; remove it and use BucketOwnerEnforced ownership";
        const enforced = app.attachedTo(bucket, "aws_s3_bucket_ownership_controls").some((c) => asList(c.body.rule).some((r) => r.object_ownership === "BucketOwnerEnforced"));
        return enforced ? undefined : `has no aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced"`;
      }),
  },
  {
    id: "s3-tls-only",
    rationale: "The bucket policy refuses every request not made over TLS (Deny s3:* when aws:SecureTransport is false).",
    check: (app) =>
      perBucket(app, (bucket) =>
        bucketStatements(app, bucket).some((s) => deniesPlainHttp(app, bucket, s))
          ? undefined
          : `has no bucket policy statement that denies s3:* to everyone when aws:SecureTransport is "false", on the bucket and its objects`,
      ),
  },
  {
    id: "s3-log-lifecycle",
    rationale: "Logs hold viewer IP addresses: they expire after the configured retention instead of piling up forever.",
    check: (app) =>
      perBucket(
        app,
        (bucket) => {
          const rules = app.attachedTo(bucket, "aws_s3_bucket_lifecycle_configuration").flatMap((c) => asList(c.body.rule));
          const expires = rules.some((r) => r.status === "Enabled" && asList(r.expiration).some((e) => Number(e.days) > 0));
          const legacy = asList(bucket.body.lifecycle_rule).some((r) => r.enabled === true && asList(r.expiration).some((e) => Number(e.days) > 0));
          return expires || legacy ? undefined : "receives logs but no enabled lifecycle rule expires them; add an aws_s3_bucket_lifecycle_configuration with expiration days";
        },
        (bucket) => isLogBucket(app, bucket),
      ),
  },
];
