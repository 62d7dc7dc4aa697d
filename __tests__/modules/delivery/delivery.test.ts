import * as fs from "fs";
import * as path from "path";
import { TerraformOutput, Testing } from "cdktf";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { AwsccProvider } from "../../../.gen/providers/awscc/provider";
import { Mediapackagev2OriginEndpointPolicy } from "../../../.gen/providers/awscc/mediapackagev2-origin-endpoint-policy";
import { Delivery, DeliveryProps, originReadTimeout } from "../../../modules/delivery";
import { AccountIdentity } from "../../../modules/identity";
import { GLOBAL_SCOPE, Naming } from "../../../modules/naming";
import { Packager } from "../../../modules/packager";

/** The project root (not from support/project, which loads the whole app). */
const ROOT = path.resolve(__dirname, "..", "..", "..");

// Delivery (CloudFront in front of the packagers) on its own, through cdktf's Testing API and matchers.

const ACCOUNT = { accountId: "123456789012", partition: "aws" };
const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const arn = (region: string, endpoint: string) => `arn:aws:mediapackagev2:${region}:123456789012:channelGroup/ev/channel/live/originEndpoint/${endpoint}`;
const endpoints: DeliveryProps["endpoints"] = [
  { name: "cmaf", manifests: ["hls", "dash"] },
  { name: "ts", manifests: ["hls"] },
];
/** The same endpoints, the second serving low-latency HLS (which needs `lowLatencyPartSeconds`). */
const lowLatencyEndpoints: DeliveryProps["endpoints"] = [endpoints[0], { name: "ts", manifests: ["lowLatencyHls"] }];

type Required = Pick<DeliveryProps, "naming" | "account" | "channelGroupName" | "endpoints" | "origins">;

/** Synthesizes Delivery with origins in the given regions (an awscc provider each) and the given props. */
function synth(regions: readonly string[], props: Partial<DeliveryProps> = {}): { json: string; delivery: Delivery } {
  let delivery!: Delivery;
  const json = Testing.synthScope((scope) => {
    const required: Required = {
      naming: new Naming("ev", GLOBAL_SCOPE),
      account: ACCOUNT,
      channelGroupName: "ev",
      endpoints,
      origins: regions.map((region) => ({
        region,
        egressDomain: `egress.${region}.example.com`,
        endpointArns: Object.fromEntries(endpoints.map((e) => [e.name, arn(region, e.name)])),
        awsccProvider: new AwsccProvider(scope, `awscc-${region}`, { region, alias: region }),
      })),
    };
    delivery = new Delivery(scope, "Delivery", { ...required, ...props });
    // What a stack would output, so the tokens come out as the Terraform expressions they stand for.
    new TerraformOutput(scope, "playback", { value: { domain: delivery.playbackDomain, urls: delivery.playbackUrls } });
  });
  return { json, delivery };
}

const parsed = (json: string) => JSON.parse(json);
/** `${type.<logical name>.attr}` of the resource of a type that matches. */
function ref(json: string, type: string, attr: string, match: (r: any) => boolean = () => true, kind: "resource" | "data" = "resource"): string {
  const names = Object.entries<any>(parsed(json)[kind][type]).filter(([, r]) => match(r));
  expect(names).toHaveLength(1);
  return `\${${kind === "data" ? "data." : ""}${type}.${names[0][0]}.${attr}}`;
}
const distributionOf = (json: string) => Object.values<any>(parsed(json).resource.aws_cloudfront_distribution)[0];

describe("Delivery with only the required props (one region)", () => {
  const { json, delivery } = synth(["eu-west-1"]);
  const distribution = distributionOf(json);

  test("the origin is the packager's egress domain, HTTPS only, signed with an origin access control (SigV4, every request)", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontOriginAccessControl, {
      name: "ev-global-mediapackage",
      origin_access_control_origin_type: "mediapackagev2",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    expect(distribution.origin).toEqual([
      {
        origin_id: "mediapackage-eu-west-1",
        domain_name: "egress.eu-west-1.example.com",
        origin_access_control_id: ref(json, "aws_cloudfront_origin_access_control", "id"),
        connection_attempts: 3,
        // 4 s segments (the default): half a segment to connect and read, keep-alive one segment + 1 s.
        connection_timeout: 2,
        custom_origin_config: {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: "https-only",
          origin_ssl_protocols: ["TLSv1.2"],
          origin_read_timeout: 2,
          origin_keepalive_timeout: 5,
        },
      },
    ]);
    expect(distribution.origin_group).toBeUndefined();
  });

  test("HTTPS only: manifests (*.m3u8, *.mpd, compressed) and segments (the default) get their own cache policies", () => {
    const manifests = ref(json, "aws_cloudfront_cache_policy", "id", (p) => p.name === "ev-global-manifests");
    const segments = ref(json, "aws_cloudfront_cache_policy", "id", (p) => p.name === "ev-global-segments");
    const headers = ref(json, "aws_cloudfront_response_headers_policy", "id");
    const common = { target_origin_id: "mediapackage-eu-west-1", viewer_protocol_policy: "https-only", allowed_methods: ["GET", "HEAD", "OPTIONS"], cached_methods: ["GET", "HEAD", "OPTIONS"], response_headers_policy_id: headers };
    expect(distribution.default_cache_behavior).toEqual({ ...common, cache_policy_id: segments, compress: false });
    expect(distribution.ordered_cache_behavior).toEqual([
      { path_pattern: "*.m3u8", ...common, cache_policy_id: manifests, compress: true },
      { path_pattern: "*.mpd", ...common, cache_policy_id: manifests, compress: true },
    ]);
    expect(json).toHaveResourceWithProperties(CloudfrontDistribution, {
      enabled: true,
      is_ipv6_enabled: true,
      http_version: "http2and3",
      price_class: "PriceClass_All",
      comment: "ev live playback",
      viewer_certificate: { cloudfront_default_certificate: true },
      restrictions: { geo_restriction: { restriction_type: "none" } },
    });
    expect(distribution.aliases).toBeUndefined();
    expect(distribution.web_acl_id).toBeUndefined();
  });

  test("manifests: half a segment default TTL, at most one segment; the query strings low-latency HLS and time-shift need in the key", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontCachePolicy, {
      name: "ev-global-manifests",
      min_ttl: 1,
      default_ttl: 2,
      max_ttl: 4,
      parameters_in_cache_key_and_forwarded_to_origin: {
        enable_accept_encoding_gzip: true,
        enable_accept_encoding_brotli: true,
        cookies_config: { cookie_behavior: "none" },
        headers_config: { header_behavior: "none" },
        query_strings_config: {
          query_string_behavior: "whitelist",
          query_strings: { items: ["aws.manifestfilter", "start", "end", "time_delay", "_HLS_msn", "_HLS_part", "_HLS_skip", "aws.manifestsettings"] },
        },
      },
    });
  });

  test("segments: a day by default, keyed on MediaPackage's version parameter only", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontCachePolicy, {
      name: "ev-global-segments",
      default_ttl: 86400,
      max_ttl: 31536000,
      parameters_in_cache_key_and_forwarded_to_origin: expect.objectContaining({ query_strings_config: { query_string_behavior: "whitelist", query_strings: { items: ["m"] } } }),
    });
  });

  test("errors are cached for one second", () => {
    expect(distribution.custom_error_response).toEqual([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504].map((error_code) => ({ error_code, error_caching_min_ttl: 1 })));
  });

  test("CORS for any browser player, and HSTS", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      name: "ev-global-playback-headers",
      cors_config: {
        access_control_allow_credentials: false,
        access_control_allow_headers: { items: ["*"] },
        access_control_allow_methods: { items: ["GET", "HEAD", "OPTIONS"] },
        access_control_allow_origins: { items: ["*"] },
        access_control_max_age_sec: 86400,
        origin_override: true,
      },
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
        content_type_options: { override: true },
      },
    });
  });

  test("each endpoint admits only this distribution, to read, through the region's awscc provider", () => {
    for (const ep of endpoints) {
      const statement = {
        sid: "AllowOnlyThisDistribution",
        actions: ["mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"],
        principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
        resources: [arn("eu-west-1", ep.name)],
        condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [ref(json, "aws_cloudfront_distribution", "arn")] }],
      };
      expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, { statement: [statement] });
      const document = ref(json, "aws_iam_policy_document", "json", (d) => d.statement[0].resources[0] === arn("eu-west-1", ep.name), "data");
      expect(json).toHaveResourceWithProperties(Mediapackagev2OriginEndpointPolicy, {
        provider: "awscc.eu-west-1",
        channel_group_name: "ev",
        channel_name: "live",
        origin_endpoint_name: ep.name,
        policy: document,
      });
    }
  });

  test("no access logs, certificate, DNS records, web ACL or key group", () => {
    for (const type of [S3Bucket, CloudwatchLogDeliverySource, Route53Record]) expect(json).not.toHaveResource(type);
    expect(Object.keys(parsed(json).resource).sort()).toEqual([
      "aws_cloudfront_cache_policy",
      "aws_cloudfront_distribution",
      "aws_cloudfront_origin_access_control",
      "aws_cloudfront_response_headers_policy",
      "awscc_mediapackagev2_origin_endpoint_policy",
    ]);
    expect([delivery.logBucket, delivery.firewall, delivery.signedUrlKeys]).toEqual([undefined, undefined, undefined]);
  });

  test("playback URLs on the distribution's domain, one per endpoint and manifest", () => {
    const domain = ref(json, "aws_cloudfront_distribution", "domain_name");
    expect(parsed(json).output.playback.value.domain).toBe(domain);
    expect(parsed(json).output.playback.value.urls).toEqual({
      "cmaf/hls": `https://${domain}/out/v1/ev/live/cmaf/index.m3u8`,
      "cmaf/dash": `https://${domain}/out/v1/ev/live/cmaf/dash.mpd`,
      "ts/hls": `https://${domain}/out/v1/ev/live/ts/index.m3u8`,
    });
  });
});

test("the defaults are the event schema's, so a construct used without the loader deploys what an empty delivery block does", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "event.schema.json"), "utf8")).properties;
  const delivery = schema.delivery.properties;
  const waf = delivery.waf.properties;
  const { json } = synth(["eu-west-1", "eu-central-1"], { accessLogs: {}, firewall: {} });
  const distribution = distributionOf(json);
  const acl = Object.values<any>(parsed(json).resource.aws_wafv2_web_acl)[0];
  const logGroup = Object.values<any>(parsed(json).resource.aws_cloudwatch_log_group)[0];
  const headers = Object.values<any>(parsed(json).resource.aws_cloudfront_response_headers_policy)[0];
  expect({
    priceClass: distribution.price_class,
    failoverStatusCodes: distribution.origin_group[0].failover_criteria.status_codes,
    corsAllowedOrigins: headers.cors_config.access_control_allow_origins.items,
    retentionDays: Object.values<any>(parsed(json).resource.aws_s3_bucket_lifecycle_configuration)[0].rule[0].expiration[0].days,
    rateLimitPer5Minutes: acl.rule.find((r: any) => r.name === "rate-limit-per-ip").statement.rate_based_statement.limit,
    managedRuleGroups: acl.rule.filter((r: any) => r.priority >= 10).map((r: any) => r.name),
    logRetentionDays: logGroup.retention_in_days,
    // The CDN keeps time-shifted manifests apart whenever the packager's default start-over window is on.
    timeShift: Object.values<any>(parsed(json).resource.aws_cloudfront_cache_policy).some((p) => p.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_strings.items.includes("aws.manifestsettings")),
    // The segment length the TTLs are derived from.
    manifestMaxTtl: Object.values<any>(parsed(json).resource.aws_cloudfront_cache_policy).find((p) => p.name === "ev-global-manifests").max_ttl,
  }).toEqual({
    priceClass: delivery.priceClass.default,
    failoverStatusCodes: delivery.failoverStatusCodes.default,
    corsAllowedOrigins: delivery.corsAllowedOrigins.default,
    retentionDays: delivery.accessLogs.properties.retentionDays.default,
    rateLimitPer5Minutes: waf.rateLimitPer5Minutes.default,
    managedRuleGroups: waf.managedRuleGroups.default,
    logRetentionDays: waf.logRetentionDays.default,
    timeShift: schema.packaging.properties.startoverWindowSeconds.default > 0,
    manifestMaxTtl: schema.packaging.properties.segmentDurationSeconds.default,
  });
});

describe("Delivery with every prop (two regions)", () => {
  const pem = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
  const { json } = synth(["eu-west-1", "eu-central-1"], {
    channelName: "main",
    segmentDurationSeconds: 6,
    startoverWindowSeconds: 0,
    endpoints: lowLatencyEndpoints,
    lowLatencyPartSeconds: 1,
    priceClass: "PriceClass_100",
    originShieldRegion: "eu-west-1",
    failoverStatusCodes: [500, 503],
    corsAllowedOrigins: ["https://player.example.com"],
    accessLogs: { retentionDays: 30 },
    customDomain: { domainName: "live.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
    geoRestriction: { mode: "allow", countries: ["US", "GB"] },
    firewall: { allowCidrs: ["198.51.100.0/24"] },
    publicKeys: { paywall: pem },
  });
  const distribution = distributionOf(json);
  const bucket = (attr: string) => ref(json, "aws_s3_bucket", attr);

  test("timings follow the 6 s segment; low-latency HLS holds the read for three target durations plus a part", () => {
    expect(distribution.origin[0]).toMatchObject({
      connection_timeout: 3,
      custom_origin_config: expect.objectContaining({ origin_read_timeout: 19, origin_keepalive_timeout: 7 }),
      origin_shield: { enabled: true, origin_shield_region: "eu-west-1" },
    });
    expect(json).toHaveResourceWithProperties(CloudfrontCachePolicy, { name: "ev-global-manifests", default_ttl: 3, max_ttl: 6 });
  });

  test("without a start-over window, the time-shift query is not in the manifest cache key", () => {
    const manifests = Object.values<any>(parsed(json).resource.aws_cloudfront_cache_policy).find((p) => p.name === "ev-global-manifests");
    expect(manifests.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_strings.items).not.toContain("aws.manifestsettings");
  });

  test("two regions: a failover group over both origins on the given status codes, which every behaviour targets", () => {
    expect(distribution.origin.map((o: any) => [o.origin_id, o.domain_name])).toEqual([
      ["mediapackage-eu-west-1", "egress.eu-west-1.example.com"],
      ["mediapackage-eu-central-1", "egress.eu-central-1.example.com"],
    ]);
    expect(distribution.origin_group).toEqual([
      {
        origin_id: "mediapackage-failover",
        failover_criteria: { status_codes: [500, 503] },
        member: [{ origin_id: "mediapackage-eu-west-1" }, { origin_id: "mediapackage-eu-central-1" }],
      },
    ]);
    for (const b of [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior]) expect(b.target_origin_id).toBe("mediapackage-failover");
  });

  test("every region's endpoints admit the distribution, through that region's provider", () => {
    const policies = Object.values<any>(parsed(json).resource.awscc_mediapackagev2_origin_endpoint_policy);
    expect(policies.map((p) => [p.provider, p.origin_endpoint_name, p.channel_name]).sort()).toEqual([
      ["awscc.eu-central-1", "cmaf", "main"],
      ["awscc.eu-central-1", "ts", "main"],
      ["awscc.eu-west-1", "cmaf", "main"],
      ["awscc.eu-west-1", "ts", "main"],
    ]);
  });

  test("price class, CORS origin and geo rules (countries sorted) as given", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontDistribution, { price_class: "PriceClass_100", restrictions: { geo_restriction: { restriction_type: "whitelist", locations: ["GB", "US"] } } });
    expect(json).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, { cors_config: expect.objectContaining({ access_control_allow_origins: { items: ["https://player.example.com"] } }) });
  });

  test("custom domain: aliases, the validated certificate with TLS 1.2 and SNI, and A/AAAA alias records to the distribution", () => {
    expect(distribution.aliases).toEqual(["live.example.com"]);
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: ref(json, "aws_acm_certificate_validation", "certificate_arn"),
      ssl_support_method: "sni-only",
      minimum_protocol_version: "TLSv1.2_2021",
    });
    for (const type of ["A", "AAAA"]) {
      expect(json).toHaveResourceWithProperties(Route53Record, {
        zone_id: "Z0123456789ABCDEFGHIJ",
        name: "live.example.com",
        type,
        alias: { name: ref(json, "aws_cloudfront_distribution", "domain_name"), zone_id: ref(json, "aws_cloudfront_distribution", "hosted_zone_id"), evaluate_target_health: false },
      });
    }
    expect(parsed(json).output.playback.value.urls["cmaf/dash"]).toBe("https://live.example.com/out/v1/ev/main/cmaf/dash.mpd");
  });

  test("the web ACL guards the distribution; every behaviour trusts the signed-URL key group", () => {
    expect(distribution.web_acl_id).toBe(ref(json, "aws_wafv2_web_acl", "arn"));
    const keyGroup = ref(json, "aws_cloudfront_key_group", "id");
    for (const b of [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior]) expect(b.trusted_key_groups).toEqual([keyGroup]);
  });

  test("access logs: a private, owner-enforced, encrypted bucket that expires logs", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: "ev-global-cdn-logs-", force_destroy: false });
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { bucket: bucket("id"), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, { bucket: bucket("id"), rule: { object_ownership: "BucketOwnerEnforced" } });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: bucket("id"),
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true }],
    });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: bucket("id"),
      rule: [{ id: "expire-access-logs", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 30 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] }],
    });
  });

  test("access logs: the bucket refuses plain HTTP and admits log delivery from this account's CloudFront sources only", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          principals: [{ type: "*", identifiers: ["*"] }],
          resources: [bucket("arn"), `${bucket("arn")}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
          sid: "AllowCloudFrontLogDelivery",
          actions: ["s3:PutObject"],
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          resources: [`${bucket("arn")}/*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:us-east-1:123456789012:delivery-source:*"] },
          ],
        },
      ],
    });
  });

  test("access logs are delivered (standard logging v2) from the distribution to the bucket, once the bucket policy exists", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogDeliverySource, { name: "ev-global-cdn-access-logs", log_type: "ACCESS_LOGS", resource_arn: ref(json, "aws_cloudfront_distribution", "arn") });
    expect(json).toHaveResourceWithProperties(CloudwatchLogDeliveryDestination, { output_format: "json", delivery_destination_configuration: [{ destination_resource_arn: bucket("arn") }] });
    const policy = Object.keys(parsed(json).resource.aws_s3_bucket_policy)[0];
    expect(json).toHaveResourceWithProperties(CloudwatchLogDelivery, {
      delivery_source_name: ref(json, "aws_cloudwatch_log_delivery_source", "name"),
      delivery_destination_arn: ref(json, "aws_cloudwatch_log_delivery_destination", "arn"),
      depends_on: [`aws_s3_bucket_policy.${policy}`],
    });
  });
});

test("an existing certificate and no hosted zone: used as is, no certificate or DNS records created", () => {
  const { json } = synth(["eu-west-1"], { customDomain: { domainName: "live.example.com", certificateArn: CERTIFICATE } });
  expect(distributionOf(json).viewer_certificate).toEqual({ acm_certificate_arn: CERTIFICATE, ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" });
  expect(distributionOf(json).aliases).toEqual(["live.example.com"]);
  expect(json).not.toHaveResource(Route53Record);
  expect(Object.keys(parsed(json).resource)).not.toContain("aws_acm_certificate");
});

test("deny-listed countries", () => {
  const { json } = synth(["eu-west-1"], { geoRestriction: { mode: "deny", countries: ["KP"] } });
  expect(json).toHaveResourceWithProperties(CloudfrontDistribution, { restrictions: { geo_restriction: { restriction_type: "blacklist", locations: ["KP"] } } });
});

test("the example in docs/packaging-and-delivery-modules.md compiles (tsc checks this file) and serves the packager through the CDN", () => {
  let urls: Readonly<Record<string, string>> = {};
  const json = Testing.synthScope((stack) => {
    const awsccProvider = new AwsccProvider(stack, "awscc", { region: "us-east-1" });
    // example begin
    const packager = new Packager(stack, "Packager", {
      channelGroupName: "final",
      mediaLiveRoleArn: "arn:aws:iam::111122223333:role/final-use1-medialive",
      endpoints: { cmaf: { container: "CMAF", dash: true } },
    });
    const delivery = new Delivery(stack, "Delivery", {
      naming: new Naming("final", GLOBAL_SCOPE),
      account: new AccountIdentity(stack, "Identity"),
      channelGroupName: "final",
      endpoints: packager.endpoints.map((e) => ({ name: e.name, manifests: e.manifests })),
      origins: [
        {
          region: "us-east-1",
          egressDomain: packager.channelGroup.egressDomain,
          endpointArns: Object.fromEntries(packager.endpoints.map((e) => [e.name, e.endpoint.arn])),
          awsccProvider,
        },
      ],
      lowLatencyPartSeconds: 2,
      firewall: {},
      accessLogs: { retentionDays: 30 },
    });
    // delivery.playbackUrls: "cmaf/hls", "cmaf/lowLatencyHls", "cmaf/dash"
    // example end
    urls = delivery.playbackUrls;
  });
  expect(Object.keys(urls)).toEqual(["cmaf/hls", "cmaf/lowLatencyHls", "cmaf/dash"]);
  expect(distributionOf(json).origin[0].domain_name).toBe(ref(json, "aws_media_packagev2_channel_group", "egress_domain"));
  expect(json).toHaveResourceWithProperties(Mediapackagev2OriginEndpointPolicy, { origin_endpoint_name: "cmaf", channel_group_name: "final", channel_name: "live" });
  expect(distributionOf(json).web_acl_id).toBe(ref(json, "aws_wafv2_web_acl", "arn"));
  expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, { rule: [expect.objectContaining({ expiration: [{ days: 30 }] })] });
  const doc = fs.readFileSync(path.join(ROOT, "docs", "packaging-and-delivery-modules.md"), "utf8");
  const example = /\/\/ example begin\n([\s\S]*?)\s*\/\/ example end/.exec(fs.readFileSync(__filename, "utf8"))![1];
  expect(doc).toContain(example.replace(/^ {4}/gm, "").trim());
});

describe("Delivery validation", () => {
  test("rejects no origins", () => {
    expect(() => synth([])).toThrow("Delivery: origins is empty; give at least the primary region's packager");
  });

  test("rejects no endpoints", () => {
    expect(() => synth(["eu-west-1"], { endpoints: [] })).toThrow("Delivery: endpoints is empty; give the packagers' endpoints to serve");
  });

  test("rejects an origin without the ARN of an endpoint", () => {
    expect(() => synth(["eu-west-1"], { endpoints: [...endpoints, { name: "extra", manifests: ["hls"] }] })).toThrow(
      'Delivery: origin eu-west-1 has no endpoint ARN for extra (got ARNs for ["cmaf","ts"]); every origin needs every endpoint',
    );
  });

  test("rejects low-latency HLS without the part length (a blocking playlist reload would outlast the default read timeout)", () => {
    expect(() => synth(["eu-west-1"], { endpoints: lowLatencyEndpoints })).toThrow(
      "Delivery: endpoints ts serve low-latency HLS but lowLatencyPartSeconds is not given; give the part length (MediaLive's ingest segment) so the origin read timeout outlasts a blocking playlist reload",
    );
  });

  test("rejects failover without status codes", () => {
    expect(() => synth(["eu-west-1", "eu-central-1"], { failoverStatusCodes: [] })).toThrow(
      "Delivery: failoverStatusCodes is empty with two origins; name the status codes on which CloudFront retries the next region, or leave it out for the default",
    );
  });

  test("rejects a custom domain with neither hosted zone nor certificate", () => {
    expect(() => synth(["eu-west-1"], { customDomain: { domainName: "live.example.com" } })).toThrow(
      "Delivery: customDomain live.example.com has neither hostedZoneId (to create and validate a certificate and the DNS records) nor certificateArn (an existing certificate)",
    );
  });

  test("rejects a certificate outside us-east-1", () => {
    const elsewhere = CERTIFICATE.replace("us-east-1", "eu-west-1");
    expect(() => synth(["eu-west-1"], { customDomain: { domainName: "live.example.com", certificateArn: elsewhere } })).toThrow(
      `Delivery: customDomain.certificateArn is in eu-west-1, but CloudFront uses certificates from us-east-1 only (got ${elsewhere})`,
    );
  });
});

// The origin read timeout: half a segment (at least 2 s) for plain HLS and DASH; with low-latency
// HLS, long enough for the origin to hold a blocking playlist reload for three target durations.
describe("originReadTimeout", () => {
  test.each([
    [4, undefined, 2],
    [6, undefined, 3],
    [30, undefined, 15],
    [4, 1, 13],
    [6, 2, 20],
    [2, 2, 8],
    // 3 x 20 s + 4 s would pass CloudFront's 60 s limit: capped (the loader warns).
    [20, 4, 60],
    [30, 2, 60],
  ])("%i s segments, parts of %p s: %i s", (segment, part, expected) => {
    expect(originReadTimeout(segment, part)).toBe(expected);
  });
});
