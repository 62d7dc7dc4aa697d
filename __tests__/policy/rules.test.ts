import type { EventConfig, LoadedEvent } from "../../config/types";
import { RULES } from "../../policy";
import { Synthesized } from "../../policy/model";
import { StackJson, check, defaultConfig, load, synthApp } from "../support/project";

// Each rule fires on a bad construct (our own synthesized stacks with one thing broken, or a
// resource added by hand in the shape cdktf emits) and stays silent on what we synthesize.

type Stacks = Record<string, StackJson>;
const REGIONAL = "demo-live-eu-west-1";
const CDN = "demo-live-cdn";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:demo-live/srt-AbCdEf";

/** The default event, plus access logs and a decryption secret (an S3 bucket and secret ARNs to check). */
function withLogsAndSecret(): LoadedEvent {
  const c = defaultConfig();
  c.delivery.accessLogs = { enabled: true, retentionDays: 30 };
  c.contribution.mediaconnect.decryption = { secretArn: SECRET };
  return check(c);
}

const ours = load("config/default.json");
const oursStacks = synthApp(ours);
const logs = withLogsAndSecret();
const logsStacks = synthApp(logs);

/** What one rule reports, one line per violation: `<severity> <resource> (<address>): <message>`. */
function run(id: string, stacks: Stacks, config: EventConfig = ours.config): string[] {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(new Synthesized(stacks), config).map((v) => `${v.severity} ${v.resource} (${v.address}): ${v.message}`);
}

/** A copy of the stacks to break. */
function copy(stacks: Stacks): Stacks {
  return structuredClone(stacks);
}

/** The logical name and body of the block whose construct path ends with `path`. */
function at(stack: StackJson, kind: "resource" | "data", type: string, path: string): { name: string; body: any } {
  const hit = Object.entries(stack[kind]?.[type] ?? {}).find(([, b]: [string, any]) => b["//"]?.metadata?.path?.endsWith(`/${path}`));
  if (!hit) throw new Error(`no ${kind} ${type} at .../${path}`);
  return { name: hit[0], body: hit[1] };
}

/** Adds a hand-written resource in the shape cdktf emits (with its construct path). */
function add(stack: StackJson, type: string, name: string, body: Record<string, unknown>): void {
  stack.resource[type] ??= {};
  stack.resource[type][name] = { "//": { metadata: { path: `${stack["//"].metadata.stackName}/${name}`, uniqueId: name } }, ...body };
}

test("every rule has a unique kebab-case id and a one-line rationale; there are at least 15", () => {
  expect(RULES.length).toBeGreaterThanOrEqual(15);
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  for (const r of RULES) {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(r.rationale).toMatch(/^[A-Z].*\.$/);
    expect(r.rationale).not.toContain("\n");
  }
});

describe("silent on what we synthesize", () => {
  test.each(RULES.map((r) => r.id))("%s finds no error in the default event or one with access logs and a secret", (id) => {
    const errors = (stacks: Stacks, config: EventConfig) => run(id, stacks, config).filter((l) => l.startsWith("error"));
    expect(errors(oursStacks, ours.config)).toEqual([]);
    expect(errors(logsStacks, logs.config)).toEqual([]);
  });
});

describe("IAM", () => {
  const access = () => at(oursStacks[REGIONAL], "data", "aws_iam_policy_document", "MediaLiveRole/Access");
  const policyLine = (problem: string) =>
    `error ${REGIONAL}/MediaLiveRole/Policy (aws_iam_role_policy.${at(oursStacks[REGIONAL], "resource", "aws_iam_role_policy", "MediaLiveRole/Policy").name}): policy (data.aws_iam_policy_document.${access().name}), ${problem}`;

  test("iam-no-wildcard-action fires on an Allow with a wildcard action or NotAction", () => {
    const s = copy(oursStacks);
    const doc = s[REGIONAL].data.aws_iam_policy_document[access().name];
    doc.statement[0].actions = ["mediapackagev2:*"];
    doc.statement[1].not_actions = ["iam:*"];
    expect(run("iam-no-wildcard-action", s)).toEqual([
      policyLine('statement "PushToPackager" allows "mediapackagev2:*"; list the actions it needs'),
      policyLine('statement "WriteChannelLogs" allows every action except "iam:*" (NotAction); list the actions it needs'),
    ]);
  });

  test("iam-no-wildcard-action reads inline policy JSON too, and accepts the TLS-only Deny s3:*", () => {
    const s = copy(oursStacks);
    const role = at(s[REGIONAL], "resource", "aws_iam_role_policy", "MediaLiveRole/Policy");
    role.body.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(run("iam-no-wildcard-action", s)).toEqual([
      `error ${REGIONAL}/MediaLiveRole/Policy (aws_iam_role_policy.${role.name}): policy (inline JSON), statement 1 allows "*"; list the actions it needs`,
    ]);
    const bucketPolicy = at(logsStacks[CDN], "data", "aws_iam_policy_document", "LogBucketPolicyDocument").body;
    expect(bucketPolicy.statement[0]).toMatchObject({ effect: "Deny", actions: ["s3:*"] });
    expect(run("iam-no-wildcard-action", logsStacks, logs.config)).toEqual([]);
  });

  test("iam-no-wildcard-resource fires on Resource * in a role's policy, not on ARN patterns", () => {
    const s = copy(oursStacks);
    s[REGIONAL].data.aws_iam_policy_document[access().name].statement[0].resources = ["*"];
    expect(run("iam-no-wildcard-resource", s)).toEqual([
      policyLine('statement "PushToPackager" applies to Resource "*"; name the resources (an ARN pattern is fine)'),
    ]);
  });

  test("iam-no-public-principal fires on a trust policy that admits anyone, not on the Deny-everyone TLS statement", () => {
    const s = copy(oursStacks);
    const trust = at(s[REGIONAL], "data", "aws_iam_policy_document", "MediaLiveRole/Trust");
    trust.body.statement[0].principals = [{ type: "AWS", identifiers: ["*"] }];
    const role = at(s[REGIONAL], "resource", "aws_iam_role", "MediaLiveRole/Resource");
    expect(run("iam-no-public-principal", s)).toEqual([
      `error ${REGIONAL}/MediaLiveRole/Resource (aws_iam_role.${role.name}): assume_role_policy (data.aws_iam_policy_document.${trust.name}), statement 1 admits the principal "*" (anyone); name the principals`,
    ]);
    expect(run("iam-no-public-principal", logsStacks, logs.config)).toEqual([]);
  });

  test("iam-service-principal-scoped fires on a bucket policy that admits a service without a source condition", () => {
    const s = copy(logsStacks);
    const doc = at(s[CDN], "data", "aws_iam_policy_document", "LogBucketPolicyDocument");
    delete doc.body.statement[1].condition;
    const policy = at(s[CDN], "resource", "aws_s3_bucket_policy", "LogBucketPolicy");
    expect(run("iam-service-principal-scoped", s, logs.config)).toEqual([
      `error ${CDN}/Delivery/LogBucketPolicy (aws_s3_bucket_policy.${policy.name}): policy (data.aws_iam_policy_document.${doc.name}), statement "AllowCloudFrontLogDelivery" admits delivery.logs.amazonaws.com without an aws:SourceArn or aws:SourceAccount condition; add one naming our resource or account`,
    ]);
  });

  test("iam-policy-readable fires on a policy built from an expression the checker cannot evaluate", () => {
    const s = copy(oursStacks);
    const role = at(s[REGIONAL], "resource", "aws_iam_role_policy", "MediaLiveRole/Policy");
    role.body.policy = '${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}';
    const trust = at(s[REGIONAL], "data", "aws_iam_policy_document", "MediaLiveRole/Trust");
    trust.body.source_policy_documents = ["${data.aws_iam_policy_document.Elsewhere.json}"];
    const roleResource = at(s[REGIONAL], "resource", "aws_iam_role", "MediaLiveRole/Resource");
    add(s[REGIONAL], "aws_iam_policy", "Handwritten", { name: "demo-live-handwritten", policy: "{\"Version\": \"2012-10-17\"}" });
    expect(run("iam-policy-readable", s)).toEqual([
      `error ${REGIONAL}/Handwritten (aws_iam_policy.Handwritten): policy is not a policy document (JSON with a Statement); build it with an aws_iam_policy_document data source in the same stack`,
      `error ${REGIONAL}/MediaLiveRole/Resource (aws_iam_role.${roleResource.name}): assume_role_policy (data.aws_iam_policy_document.${trust.name}) merges documents the policy pack cannot evaluate; build it with an aws_iam_policy_document data source in the same stack`,
      `error ${REGIONAL}/MediaLiveRole/Policy (aws_iam_role_policy.${role.name}): policy is an expression the policy pack cannot evaluate; build it with an aws_iam_policy_document data source in the same stack`,
    ]);
  });
});

describe("ingest allowlists", () => {
  const flow = (s: Stacks) => at(s[REGIONAL], "resource", "awscc_mediaconnect_flow", "Contribution/FlowPrimaryA");

  test("ingest-no-open-cidr fires on 0.0.0.0/0 the config did not write", () => {
    const s = copy(oursStacks);
    flow(s).body.source.whitelist_cidr = "0.0.0.0/0";
    expect(run("ingest-no-open-cidr", s)).toEqual([
      `error ${REGIONAL}/Contribution/FlowPrimaryA (awscc_mediaconnect_flow.${flow(s).name}): source.whitelist_cidr admits 0.0.0.0/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs`,
    ]);
    expect(run("ingest-cidr-from-config", s)).toEqual([]);
  });

  test("ingest-no-open-cidr accepts exactly an open allowlist the config wrote", () => {
    const c = defaultConfig();
    c.contribution.allowlistCidrs = ["0.0.0.0/0"];
    const open = check(c);
    const stacks = synthApp(open);
    expect(flow(stacks).body.source.whitelist_cidr).toBe("0.0.0.0/0");
    expect(run("ingest-no-open-cidr", stacks, open.config)).toEqual([]);
    expect(run("ingest-cidr-from-config", stacks, open.config)).toEqual([]);
  });

  test("ingest-cidr-from-config fires on a network the config does not name, in a flow or a security group", () => {
    const c = defaultConfig();
    c.contribution = { type: "RTP_PUSH", allowlistCidrs: ["198.51.100.0/24"] };
    const push = check(c);
    const s = copy(synthApp(push));
    const sg = at(s[REGIONAL], "resource", "aws_medialive_input_security_group", "Contribution/SecurityGroup");
    expect(run("ingest-cidr-from-config", s, push.config)).toEqual([]);
    sg.body.whitelist_rules.push({ cidr: "192.0.2.0/24" }, { cidr: "0.0.0.0/0" });
    expect(run("ingest-cidr-from-config", s, push.config)).toEqual([
      `error ${REGIONAL}/Contribution/SecurityGroup (aws_medialive_input_security_group.${sg.name}): whitelist_rules.cidr admits 192.0.2.0/24, which is not in the configuration; allowlists come from contribution.allowlistCidrs (or secondSource.allowlistCidr)`,
    ]);
    expect(run("ingest-no-open-cidr", s, push.config)).toEqual([
      `error ${REGIONAL}/Contribution/SecurityGroup (aws_medialive_input_security_group.${sg.name}): whitelist_rules.cidr admits 0.0.0.0/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs`,
    ]);
  });

  test("a computed allowlist (a reference) is neither open nor foreign", () => {
    const s = copy(oursStacks);
    flow(s).body.source.whitelist_cidr = "${data.terraform_remote_state.upstream.outputs.egress_ip}/32";
    add(s[REGIONAL], "aws_vpc_security_group_ingress_rule", "Ingest", { cidr_ipv6: "::/0" });
    expect(run("ingest-cidr-from-config", s)).toEqual([]);
    expect(run("ingest-no-open-cidr", s)).toEqual([
      `error ${REGIONAL}/Ingest (aws_vpc_security_group_ingress_rule.Ingest): cidr_ipv6 admits ::/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs`,
    ]);
  });
});

describe("MediaPackage v2", () => {
  const endpointDoc = (s: Stacks) => at(s[CDN], "data", "aws_iam_policy_document", "EndpointPolicyDocument-eu-west-1-ts");
  const endpointPolicy = (s: Stacks) => at(s[CDN], "resource", "awscc_mediapackagev2_origin_endpoint_policy", "EndpointPolicy-eu-west-1-ts");

  test("mediapackage-policy-not-public fires on an endpoint policy that admits anyone or grants more than reads", () => {
    const s = copy(oursStacks);
    const st = endpointDoc(s).body.statement[0];
    st.principals = [{ type: "*", identifiers: ["*"] }];
    st.actions.push("mediapackagev2:PutObject");
    const where = `error ${CDN}/Delivery/EndpointPolicy-eu-west-1-ts (awscc_mediapackagev2_origin_endpoint_policy.${endpointPolicy(s).name}): policy (data.aws_iam_policy_document.${endpointDoc(s).name}), statement "AllowOnlyThisDistribution"`;
    expect(run("mediapackage-policy-not-public", s)).toEqual([
      `${where} admits anyone; name the MediaLive role (channel) or CloudFront with aws:SourceArn (endpoint)`,
      `${where} grants "mediapackagev2:PutObject"; this policy may grant only mediapackagev2:GetObject, mediapackagev2:GetHeadObject`,
    ]);
  });

  test("mediapackage-policy-not-public fires on a channel policy that lets anyone push", () => {
    const s = copy(oursStacks);
    const doc = at(s[REGIONAL], "data", "aws_iam_policy_document", "Packager/IngestPolicyDocument");
    doc.body.statement[0].principals = [{ type: "AWS", identifiers: ["*"] }];
    const policy = at(s[REGIONAL], "resource", "awscc_mediapackagev2_channel_policy", "Packager/ChannelPolicy");
    expect(run("mediapackage-policy-not-public", s)).toEqual([
      `error ${REGIONAL}/Packager/ChannelPolicy (awscc_mediapackagev2_channel_policy.${policy.name}): policy (data.aws_iam_policy_document.${doc.name}), statement "AllowMediaLiveToPush" admits anyone; name the MediaLive role (channel) or CloudFront with aws:SourceArn (endpoint)`,
    ]);
  });

  test("mediapackage-endpoint-cdn-only fires on an endpoint without a policy, or whose policy is not tied to a distribution", () => {
    const endpoint = at(oursStacks[REGIONAL], "resource", "awscc_mediapackagev2_origin_endpoint", "Packager/Endpoint-ts");
    const line = `error ${REGIONAL}/Packager/Endpoint-ts (awscc_mediapackagev2_origin_endpoint.${endpoint.name}): `;

    const missing = copy(oursStacks);
    delete missing[CDN].resource.awscc_mediapackagev2_origin_endpoint_policy[endpointPolicy(missing).name];
    expect(run("mediapackage-endpoint-cdn-only", missing)).toEqual([
      `${line}has no endpoint policy in any stack; add an awscc_mediapackagev2_origin_endpoint_policy that lets cloudfront.amazonaws.com read with aws:SourceArn set to the distribution`,
    ]);

    const unscoped = copy(oursStacks);
    endpointDoc(unscoped).body.statement[0].condition[0].values = ["*"];
    expect(run("mediapackage-endpoint-cdn-only", unscoped)).toEqual([
      `${line}has an endpoint policy (${CDN}/Delivery/EndpointPolicy-eu-west-1-ts) that does not limit reads to CloudFront for one distribution (aws:SourceArn); the endpoint must be reachable only through the CDN`,
    ]);
  });

  test("mediapackage-endpoint-cdn-only matches policies to endpoints by region, channel group, channel and name", () => {
    const s = copy(oursStacks);
    // The policy now addresses an endpoint in another region: ours is left without one.
    s[CDN].provider.awscc[0].region = "eu-west-2";
    expect(run("mediapackage-endpoint-cdn-only", s).map((l) => l.split(" (")[0])).toEqual([
      `error ${REGIONAL}/Packager/Endpoint-cmaf`,
      `error ${REGIONAL}/Packager/Endpoint-ts`,
    ]);
  });
});

describe("CloudFront", () => {
  const dist = (s: Stacks) => at(s[CDN], "resource", "aws_cloudfront_distribution", "Delivery/Distribution");
  const line = (s: Stacks, message: string, severity = "error") => `${severity} ${CDN}/Delivery/Distribution (aws_cloudfront_distribution.${dist(s).name}): ${message}`;

  test("cdn-origin-access-control fires on a MediaPackage origin without an origin access control, or with a weak one", () => {
    const s = copy(oursStacks);
    delete dist(s).body.origin[0].origin_access_control_id;
    expect(run("cdn-origin-access-control", s)).toEqual([
      line(s, 'origin "mediapackage-eu-west-1" (MediaPackage v2) has no origin access control; set origin_access_control_id to an aws_cloudfront_origin_access_control of type mediapackagev2'),
    ]);
    const weak = copy(oursStacks);
    at(weak[CDN], "resource", "aws_cloudfront_origin_access_control", "Delivery/OriginAccessControl").body.signing_behavior = "no-override";
    expect(run("cdn-origin-access-control", weak)).toEqual([
      line(weak, `origin "mediapackage-eu-west-1" (MediaPackage v2) uses ${CDN}/Delivery/OriginAccessControl with signing_behavior "no-override" (expected "always")`),
    ]);
  });

  test("cdn-viewer-https fires on a behaviour that allows plain HTTP", () => {
    const s = copy(oursStacks);
    dist(s).body.ordered_cache_behavior[0].viewer_protocol_policy = "allow-all";
    expect(run("cdn-viewer-https", s)).toEqual([line(s, 'cache behaviour "*.m3u8" allows plain HTTP (viewer_protocol_policy "allow-all"); use "https-only" or "redirect-to-https"')]);
  });

  test("cdn-viewer-tls notes the default certificate, and requires TLSv1.2_2021 or newer with a custom one", () => {
    expect(run("cdn-viewer-tls", oursStacks)).toEqual([
      line(
        oursStacks,
        "serves the default *.cloudfront.net certificate, for which CloudFront fixes the security policy at TLSv1 whatever minimum_protocol_version says; a custom domain with an ACM certificate and TLSv1.2_2021 removes this note",
        "note",
      ),
    ]);
    const s = copy(oursStacks);
    dist(s).body.viewer_certificate = { acm_certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c", ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.1_2016" };
    expect(run("cdn-viewer-tls", s)).toEqual([line(s, 'uses a custom certificate with minimum_protocol_version "TLSv1.1_2016"; use one of TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025')]);
    dist(s).body.viewer_certificate.minimum_protocol_version = "TLSv1.2_2021";
    expect(run("cdn-viewer-tls", s)).toEqual([]);
  });

  test("cdn-origin-tls fires on an origin reached over HTTP or old TLS", () => {
    const s = copy(oursStacks);
    const origin = dist(s).body.origin[0].custom_origin_config;
    origin.origin_protocol_policy = "match-viewer";
    origin.origin_ssl_protocols = ["TLSv1", "TLSv1.2"];
    expect(run("cdn-origin-tls", s)).toEqual([
      line(s, 'origin "mediapackage-eu-west-1" connects with origin_protocol_policy "match-viewer"; use "https-only"'),
      line(s, 'origin "mediapackage-eu-west-1" accepts TLSv1; origin_ssl_protocols must be ["TLSv1.2"]'),
    ]);
  });

  test("cdn-hsts fires on behaviours whose headers policy sets no HSTS", () => {
    const s = copy(oursStacks);
    delete at(s[CDN], "resource", "aws_cloudfront_response_headers_policy", "Delivery/ResponseHeadersPolicy").body.security_headers_config.strict_transport_security;
    const problem = `uses ${CDN}/Delivery/ResponseHeadersPolicy, which sets no strict_transport_security; set access_control_max_age_sec to at least 31536000`;
    expect(run("cdn-hsts", s)).toEqual([
      line(s, `the default cache behaviour ${problem}`),
      line(s, `cache behaviour "*.m3u8" ${problem}`),
      line(s, `cache behaviour "*.mpd" ${problem}`),
    ]);
  });
});

describe("S3", () => {
  const bucket = (s: Stacks) => at(s[CDN], "resource", "aws_s3_bucket", "Delivery/LogBucket");
  const remove = (s: Stacks, type: string, path: string) => delete s[CDN].resource[type][at(s[CDN], "resource", type, path).name];
  const line = (s: Stacks, message: string) => `error ${CDN}/Delivery/LogBucket (aws_s3_bucket.${bucket(s).name}): ${message}`;
  const runLogs = (id: string, s: Stacks) => run(id, s, logs.config);

  test("s3-public-access-block fires on a missing or partial public access block", () => {
    const s = copy(logsStacks);
    at(s[CDN], "resource", "aws_s3_bucket_public_access_block", "Delivery/LogBucketPublicAccess").body.restrict_public_buckets = false;
    expect(runLogs("s3-public-access-block", s)).toEqual([line(s, "has a public access block that leaves restrict_public_buckets off; set all four to true")]);
    remove(s, "aws_s3_bucket_public_access_block", "Delivery/LogBucketPublicAccess");
    expect(runLogs("s3-public-access-block", s)).toEqual([line(s, "has no aws_s3_bucket_public_access_block; add one with all four settings true")]);
  });

  test("s3-encryption fires on a bucket without default encryption", () => {
    const s = copy(logsStacks);
    remove(s, "aws_s3_bucket_server_side_encryption_configuration", "Delivery/LogBucketEncryption");
    expect(runLogs("s3-encryption", s)).toEqual([
      line(s, 'has no default encryption; add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms" or "aws:kms:dsse"'),
    ]);
  });

  test("s3-owner-enforced fires on ACLs or another ownership setting", () => {
    const s = copy(logsStacks);
    at(s[CDN], "resource", "aws_s3_bucket_ownership_controls", "Delivery/LogBucketOwnership").body.rule.object_ownership = "ObjectWriter";
    expect(runLogs("s3-owner-enforced", s)).toEqual([line(s, 'has no aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced"')]);
    bucket(s).body.acl = "log-delivery-write";
    expect(runLogs("s3-owner-enforced", s)).toEqual([line(s, "sets an ACL; remove it and use BucketOwnerEnforced ownership")]);
  });

  test("s3-tls-only fires when no statement denies plain HTTP on the bucket and its objects", () => {
    const s = copy(logsStacks);
    const deny = at(s[CDN], "data", "aws_iam_policy_document", "LogBucketPolicyDocument").body.statement[0];
    deny.resources = deny.resources.filter((r: string) => r.endsWith("/*"));
    const expected = line(s, 'has no bucket policy statement that denies s3:* to everyone when aws:SecureTransport is "false", on the bucket and its objects');
    expect(runLogs("s3-tls-only", s)).toEqual([expected]);
    remove(s, "aws_s3_bucket_policy", "Delivery/LogBucketPolicy");
    expect(runLogs("s3-tls-only", s)).toEqual([expected]);
  });

  test("s3-log-lifecycle fires on a log bucket whose logs never expire, and only on log buckets", () => {
    const s = copy(logsStacks);
    at(s[CDN], "resource", "aws_s3_bucket_lifecycle_configuration", "Delivery/LogBucketLifecycle").body.rule[0].status = "Disabled";
    add(s[CDN], "aws_s3_bucket", "Artwork", { bucket: "demo-live-artwork" });
    expect(runLogs("s3-log-lifecycle", s)).toEqual([
      line(s, "receives logs but no enabled lifecycle rule expires them; add an aws_s3_bucket_lifecycle_configuration with expiration days"),
    ]);
    // The artwork bucket has none of the protections, and every other S3 rule says so.
    expect(["s3-public-access-block", "s3-encryption", "s3-owner-enforced", "s3-tls-only"].flatMap((id) => runLogs(id, s).filter((l) => l.includes("/Artwork ")))).toHaveLength(4);
  });
});

describe("SNS, secrets and tags", () => {
  test("sns-encrypted fires on a topic without a KMS key", () => {
    const s = copy(oursStacks);
    add(s[CDN], "aws_sns_topic", "Announcements", { name: "demo-live-announcements" });
    add(s[CDN], "aws_sns_topic", "Encrypted", { name: "demo-live-encrypted", kms_master_key_id: "${aws_kms_key.Key.arn}" });
    expect(run("sns-encrypted", s)).toEqual([
      `error ${CDN}/Announcements (aws_sns_topic.Announcements): has no kms_master_key_id; encrypt it with a customer-managed KMS key (CloudWatch alarms cannot publish to a topic under alias/aws/sns)`,
    ]);
  });

  test("secrets-by-reference fires on a secret value instead of an ARN, in resources and providers, and never prints it", () => {
    const s = copy(logsStacks);
    const flow = at(s[REGIONAL], "resource", "awscc_mediaconnect_flow", "Contribution/FlowPrimaryA");
    expect(flow.body.source.decryption.secret_arn).toBe(SECRET);
    flow.body.source.decryption.secret_arn = "correct-horse-battery-staple";
    add(s[REGIONAL], "aws_secretsmanager_secret_version", "Passphrase", { secret_id: "${aws_secretsmanager_secret.Srt.id}", secret_string: "correct-horse-battery-staple" });
    add(s[REGIONAL], "aws_ssm_parameter", "Password", { name: "/demo-live/pull", type: "SecureString", value: "correct-horse-battery-staple" });
    s[CDN].provider.aws[0].secret_key = "correct-horse-battery-staple";
    const lines = run("secrets-by-reference", s, logs.config);
    expect(lines).toEqual([
      `error ${REGIONAL}/Passphrase (aws_secretsmanager_secret_version.Passphrase): secret_string holds a literal value (not shown); keep secrets in Secrets Manager and pass the ARN`,
      `error ${REGIONAL}/Password (aws_ssm_parameter.Password): is a SecureString with a literal value (not shown); create the parameter outside Terraform and refer to it by name`,
      `error ${REGIONAL}/Contribution/FlowPrimaryA (awscc_mediaconnect_flow.${flow.name}): source.decryption.secret_arn is not a Secrets Manager secret ARN; keep secrets in Secrets Manager and pass the ARN`,
      `error ${CDN}/provider.aws (provider.aws): secret_key holds a literal value (not shown); use the provider's credential chain (environment, profile, role), never credentials in code`,
    ]);
    expect(lines.join("\n")).not.toContain("correct-horse");
  });

  test("secrets-by-reference accepts parameter names, secret ARNs, references and tag keys that mention secrets", () => {
    const c = defaultConfig();
    c.contribution = {
      type: "URL_PULL",
      pull: { primaryUrls: ["https://a.example.com/1.m3u8", "https://a.example.com/2.m3u8"], backupUrls: ["https://b.example.com/1.m3u8", "https://b.example.com/2.m3u8"], username: "ops", passwordParameter: "/demo-live/pull-password" },
    };
    c.tags = { SecretLevel: "internal" };
    const pull = check(c);
    const s = synthApp(pull);
    expect(at(s[REGIONAL], "resource", "aws_medialive_input", "Contribution/InputPrimary").body.sources[0].password_param).toBe("/demo-live/pull-password");
    expect(run("secrets-by-reference", s, pull.config)).toEqual([]);
  });

  test("tags-required fires on aws resources whose provider lacks a tag and on awscc resources with a wrong one", () => {
    const s = copy(oursStacks);
    delete s[REGIONAL].provider.aws[0].default_tags[0].tags.CostCentre;
    const channel = at(s[REGIONAL], "resource", "awscc_mediapackagev2_channel", "Packager/Channel");
    channel.body.tags = channel.body.tags.map((t: { key: string; value: string }) => (t.key === "Environment" ? { key: t.key, value: "staging" } : t));
    const lines = run("tags-required", s);
    const encoder = at(s[REGIONAL], "resource", "aws_medialive_channel", "Encoder/Resource");
    expect(lines).toContain(
      `error ${REGIONAL}/Encoder/Resource (aws_medialive_channel.${encoder.name}): is not tagged for this event: no CostCentre tag (expected "live-events"); tag it through default_tags of provider aws or its own tags`,
    );
    expect(lines).toContain(
      `error ${REGIONAL}/Packager/Channel (awscc_mediapackagev2_channel.${channel.name}): is not tagged for this event: Environment is "staging" (expected "production"); tag it through its tags list (the awscc provider has no default tags)`,
    );
    // Resources that take no tags are not asked for any.
    expect(lines.filter((l) => / \((aws_iam_role_policy|awscc_mediaconnect_flow|awscc_mediapackagev2_channel_policy)\./.test(l))).toEqual([]);
    // Nothing in the CDN stack changed.
    expect(lines.filter((l) => l.includes(CDN))).toEqual([]);
  });

  test("tags-required follows a resource's provider alias and reports resource types it does not know", () => {
    const s = copy(oursStacks);
    s[CDN].provider.aws.push({ alias: "eu-west-1", region: "eu-west-1" });
    add(s[CDN], "aws_sns_topic", "Regional", { provider: "aws.eu-west-1", name: "demo-live-regional", kms_master_key_id: "alias/demo-live", tags: { Event: "demo-live" } });
    add(s[CDN], "aws_made_up_thing", "Novel", { name: "demo-live-novel" });
    expect(run("tags-required", s)).toEqual([
      `error ${CDN}/Novel (aws_made_up_thing.Novel): is a resource type the tagging rule does not know; add aws_made_up_thing to policy/tag-support.ts with whether it takes tags`,
      `error ${CDN}/Regional (aws_sns_topic.Regional): is not tagged for this event: no Environment tag (expected "production"), no CostCentre tag (expected "live-events"); tag it through default_tags of provider aws.eu-west-1 or its own tags`,
    ]);
  });
});
