import { Block, Synthesized, asList, strings } from "../model";
import { Rule, Violation, at } from "../rule";

/** CloudFront security policies that need TLS 1.2 or later with modern ciphers only. */
export const MODERN_TLS_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];
/** One year: the HSTS max-age browsers' preload lists ask for. */
const HSTS_MIN_AGE = 31536000;

/** Every cache behaviour of a distribution, named for messages. */
function behaviours(d: Block): { name: string; body: Record<string, unknown> }[] {
  return [
    ...asList(d.body.default_cache_behavior).map((body) => ({ name: "the default cache behaviour", body })),
    ...asList(d.body.ordered_cache_behavior).map((body) => ({ name: `cache behaviour ${JSON.stringify(body.path_pattern)}`, body })),
  ];
}

/** The AWS service an origin is, from its domain: a literal service domain or a reference to the resource that has it. */
function originService(domain: unknown): "mediapackagev2" | "s3" | undefined {
  const d = typeof domain === "string" ? domain : "";
  if (/\.mediapackagev2\.[a-z0-9-]+\.amazonaws\.com$/.test(d) || d.includes("aws_media_packagev2_channel_group") || d.includes("egress_domain")) return "mediapackagev2";
  if (/\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(d) || d.includes("bucket_regional_domain_name")) return "s3";
  return undefined;
}

/** The resource a reference in `value` points at, when it is of `type`. */
function target(app: Synthesized, from: Block, value: unknown, type: string): Block | undefined {
  const ref = app.referenced(from.stack, value);
  return ref?.block.type === type ? ref.block : undefined;
}

function perDistribution(app: Synthesized, check: (d: Block) => string[]): Violation[] {
  return app.resources("aws_cloudfront_distribution").flatMap((d) => check(d).map((m) => at(d, m)));
}

export const cdnRules: Rule[] = [
  {
    id: "cdn-origin-access-control",
    rationale: "CloudFront signs every request to an AWS origin (origin access control, SigV4) so the origin can refuse everyone else.",
    check: (app) =>
      perDistribution(app, (d) =>
        asList(d.body.origin).flatMap((o) => {
          const service = originService(o.domain_name);
          if (!service) return [];
          const name = `origin ${JSON.stringify(o.origin_id)} (${service === "s3" ? "S3" : "MediaPackage v2"})`;
          const oac = target(app, d, o.origin_access_control_id, "aws_cloudfront_origin_access_control");
          if (!oac) return [`${name} has no origin access control; set origin_access_control_id to an aws_cloudfront_origin_access_control of type ${service}`];
          const b = oac.body;
          const wrong = [
            b.origin_access_control_origin_type !== service ? `origin type ${JSON.stringify(b.origin_access_control_origin_type)} (expected "${service}")` : undefined,
            b.signing_behavior !== "always" ? `signing_behavior ${JSON.stringify(b.signing_behavior)} (expected "always")` : undefined,
            b.signing_protocol !== "sigv4" ? `signing_protocol ${JSON.stringify(b.signing_protocol)} (expected "sigv4")` : undefined,
          ].filter((w) => w !== undefined);
          return wrong.length > 0 ? [`${name} uses ${oac.path} with ${wrong.join(", ")}`] : [];
        }),
      ),
  },
  {
    id: "cdn-viewer-https",
    rationale: "Playback URLs and manifests travel over HTTPS only; plain HTTP lets anyone on the path read or rewrite them.",
    check: (app) =>
      perDistribution(app, (d) =>
        behaviours(d)
          .filter((b) => b.body.viewer_protocol_policy !== "https-only" && b.body.viewer_protocol_policy !== "redirect-to-https")
          .map((b) => `${b.name} allows plain HTTP (viewer_protocol_policy ${JSON.stringify(b.body.viewer_protocol_policy)}); use "https-only" or "redirect-to-https"`),
      ),
  },
  {
    id: "cdn-viewer-tls",
    rationale: "Viewers connect with TLS 1.2 or later: a custom certificate needs a modern security policy (TLSv1.2_2021 or newer).",
    check: (app) =>
      app.resources("aws_cloudfront_distribution").flatMap((d) => {
        const cert = asList(d.body.viewer_certificate)[0] ?? {};
        const custom = cert.acm_certificate_arn !== undefined || cert.iam_certificate_id !== undefined;
        if (!custom) {
          // CloudFront fixes the security policy of the default certificate at TLSv1 and ignores
          // minimum_protocol_version: nothing to configure until the event gets its own domain.
          return [
            at(
              d,
              `serves the default *.cloudfront.net certificate, for which CloudFront fixes the security policy at TLSv1 whatever minimum_protocol_version says; a custom domain with an ACM certificate and ${MODERN_TLS_POLICIES[0]} removes this note`,
              "note",
            ),
          ];
        }
        const version = cert.minimum_protocol_version;
        if (typeof version === "string" && MODERN_TLS_POLICIES.includes(version)) return [];
        return [at(d, `uses a custom certificate with minimum_protocol_version ${JSON.stringify(version)}; use one of ${MODERN_TLS_POLICIES.join(", ")}`)];
      }),
  },
  {
    id: "cdn-origin-tls",
    rationale: "CloudFront reaches custom origins over HTTPS with TLS 1.2 only, so the path from the packager to the edge cannot be read or downgraded.",
    check: (app) =>
      perDistribution(app, (d) =>
        asList(d.body.origin).flatMap((o) =>
          asList(o.custom_origin_config).flatMap((c) => {
            const name = `origin ${JSON.stringify(o.origin_id)}`;
            const out: string[] = [];
            if (c.origin_protocol_policy !== "https-only") out.push(`${name} connects with origin_protocol_policy ${JSON.stringify(c.origin_protocol_policy)}; use "https-only"`);
            const old = strings(c.origin_ssl_protocols).filter((p) => p !== "TLSv1.2");
            if (old.length > 0) out.push(`${name} accepts ${old.join(", ")}; origin_ssl_protocols must be ["TLSv1.2"]`);
            return out;
          }),
        ),
      ),
  },
  {
    id: "cdn-hsts",
    rationale: "Every response tells browsers to use HTTPS for a year (HSTS), so a player never falls back to HTTP.",
    check: (app) =>
      perDistribution(app, (d) =>
        behaviours(d).flatMap((b) => {
          const policy = target(app, d, b.body.response_headers_policy_id, "aws_cloudfront_response_headers_policy");
          if (!policy) return [`${b.name} has no response headers policy of this stack; attach one with strict_transport_security`];
          const sts = asList(asList(policy.body.security_headers_config)[0]?.strict_transport_security)[0];
          const age = Number(sts?.access_control_max_age_sec);
          if (!sts || !(age >= HSTS_MIN_AGE)) {
            return [`${b.name} uses ${policy.path}, which ${sts ? `sets HSTS for only ${sts.access_control_max_age_sec} s` : "sets no strict_transport_security"}; set access_control_max_age_sec to at least ${HSTS_MIN_AGE}`];
          }
          return [];
        }),
      ),
  },
];
