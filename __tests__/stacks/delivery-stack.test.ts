import { StackJson, load, nameOf, only, resources, synthApp } from "../support/project";

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

function cdn(file: string): { stack: StackJson; regional: StackJson } {
  const loaded = load(file);
  const stacks = synthApp(loaded);
  return { stack: stacks[`${loaded.config.event.name}-cdn`], regional: stacks[`${loaded.config.event.name}-${loaded.config.regions[0]}`] };
}

/** The remote-state expression by which the CDN stack reads an output of the regional stack. */
function remoteOutput(stack: StackJson, regional: StackJson, valueExpression: string): string {
  const [outputName] = Object.entries(regional.output).find(([, o]: [string, any]) => o.value === valueExpression)!;
  const [source] = Object.keys(stack.data.terraform_remote_state);
  return `\${data.terraform_remote_state.${source}.outputs.${outputName}}`;
}

describe("CDN stack, default configuration", () => {
  const { stack, regional } = cdn("config/default.json");
  const distribution = only(stack, "aws_cloudfront_distribution");
  const distributionName = nameOf(stack, "aws_cloudfront_distribution");
  const oac = nameOf(stack, "aws_cloudfront_origin_access_control");
  const manifests = nameOf(stack, "aws_cloudfront_cache_policy", (p) => p.name === "demo-live-global-manifests");
  const segments = nameOf(stack, "aws_cloudfront_cache_policy", (p) => p.name === "demo-live-global-segments");

  test("is managed in us-east-1 and reads the regional stack's state", () => {
    expect(stack.provider.aws[0].region).toBe("us-east-1");
    expect(stack.data.terraform_remote_state).toEqual({
      [Object.keys(stack.data.terraform_remote_state)[0]]: expect.objectContaining({ backend: "local", config: { path: "../../../terraform.demo-live-eu-west-1.tfstate" } }),
    });
  });

  test("the origin is the region's MediaPackage v2 egress domain, signed with an origin access control", () => {
    expect(resources(stack, "aws_cloudfront_origin_access_control")[oac]).toMatchObject({
      origin_access_control_origin_type: "mediapackagev2",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    const groupName = nameOf(regional, "aws_media_packagev2_channel_group");
    expect(distribution.origin).toEqual([
      {
        origin_id: "mediapackage-eu-west-1",
        domain_name: remoteOutput(stack, regional, ref("aws_media_packagev2_channel_group", groupName, "egress_domain")),
        origin_access_control_id: ref("aws_cloudfront_origin_access_control", oac, "id"),
        connection_attempts: 3,
        connection_timeout: 2,
        custom_origin_config: {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: "https-only",
          origin_ssl_protocols: ["TLSv1.2"],
          // Low-latency HLS: a blocking playlist reload may be held for three 4 s target
          // durations, plus one 1 s part (the 1 s GOP's ingest segment) for the answer.
          origin_read_timeout: 13,
          origin_keepalive_timeout: 5,
        },
      },
    ]);
    expect(distribution.origin_group).toBeUndefined();
  });

  test("HTTPS only; manifests and segments get their own cache policies", () => {
    expect(distribution.default_cache_behavior).toMatchObject({
      target_origin_id: "mediapackage-eu-west-1",
      viewer_protocol_policy: "https-only",
      cache_policy_id: ref("aws_cloudfront_cache_policy", segments, "id"),
      allowed_methods: ["GET", "HEAD", "OPTIONS"],
    });
    expect(distribution.ordered_cache_behavior.map((b: any) => [b.path_pattern, b.cache_policy_id, b.viewer_protocol_policy, b.compress])).toEqual([
      ["*.m3u8", ref("aws_cloudfront_cache_policy", manifests, "id"), "https-only", true],
      ["*.mpd", ref("aws_cloudfront_cache_policy", manifests, "id"), "https-only", true],
    ]);
    expect(distribution.http_version).toBe("http2and3");
  });

  test("manifests: TTLs from the 4 s segment, the query strings low-latency HLS needs and MediaPackage v2's time-shift query in the key", () => {
    const policy = resources(stack, "aws_cloudfront_cache_policy")[manifests];
    expect([policy.min_ttl, policy.default_ttl, policy.max_ttl]).toEqual([1, 2, 4]);
    expect(policy.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config).toEqual({
      query_string_behavior: "whitelist",
      query_strings: { items: ["aws.manifestfilter", "start", "end", "time_delay", "_HLS_msn", "_HLS_part", "_HLS_skip", "aws.manifestsettings"] },
    });
    const seg = resources(stack, "aws_cloudfront_cache_policy")[segments];
    expect(seg.default_ttl).toBe(86400);
    expect(seg.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_strings.items).toEqual(["m"]);
  });

  test("errors are cached for one second", () => {
    expect(distribution.custom_error_response.map((e: any) => [e.error_code, e.error_caching_min_ttl])).toEqual(
      [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504].map((c) => [c, 1]),
    );
  });

  test("CORS for browser players", () => {
    const headers = only(stack, "aws_cloudfront_response_headers_policy");
    expect(headers.cors_config.access_control_allow_origins.items).toEqual(["*"]);
    expect(distribution.default_cache_behavior.response_headers_policy_id).toBe(ref("aws_cloudfront_response_headers_policy", nameOf(stack, "aws_cloudfront_response_headers_policy"), "id"));
  });

  test("each endpoint admits only this distribution, reading", () => {
    const policies = Object.values(resources(stack, "awscc_mediapackagev2_origin_endpoint_policy"));
    expect(policies.map((p) => [p.channel_group_name, p.channel_name, p.origin_endpoint_name, p.provider]).sort()).toEqual([
      ["demo-live", "live", "cmaf", "awscc.eu-west-1"],
      ["demo-live", "live", "ts", "awscc.eu-west-1"],
    ]);
    for (const p of policies) {
      const endpoint = nameOf(regional, "awscc_mediapackagev2_origin_endpoint", (e) => e.origin_endpoint_name === p.origin_endpoint_name);
      const docName = p.policy.match(/^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/)[1];
      expect(stack.data.aws_iam_policy_document[docName].statement).toEqual([
        {
          sid: "AllowOnlyThisDistribution",
          actions: ["mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"],
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          resources: [remoteOutput(stack, regional, ref("awscc_mediapackagev2_origin_endpoint", endpoint, "arn"))],
          condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [ref("aws_cloudfront_distribution", distributionName, "arn")] }],
        },
      ]);
    }
    expect(stack.provider.awscc).toEqual([{ alias: "eu-west-1", region: "eu-west-1" }]);
  });

  test("outputs the playback URLs for every manifest", () => {
    const domain = ref("aws_cloudfront_distribution", distributionName, "domain_name");
    const playback = Object.fromEntries(Object.entries(stack.output).filter(([k]) => k.startsWith("playback-")).map(([k, o]: [string, any]) => [k, o.value]));
    expect(playback).toEqual({
      "playback-cmaf-dash": `https://${domain}/out/v1/demo-live/live/cmaf/dash.mpd`,
      "playback-cmaf-hls": `https://${domain}/out/v1/demo-live/live/cmaf/index.m3u8`,
      "playback-cmaf-lowLatencyHls": `https://${domain}/out/v1/demo-live/live/cmaf/index-ll.m3u8`,
      "playback-ts-hls": `https://${domain}/out/v1/demo-live/live/ts/index.m3u8`,
      "playback-ts-lowLatencyHls": `https://${domain}/out/v1/demo-live/live/ts/index-ll.m3u8`,
    });
    expect(stack.output["playback-ts-lowLatencyHls"].description).toBe("low-latency HLS playback URL of the ts endpoint");
  });

  test("no access-log bucket unless asked for", () => {
    expect(resources(stack, "aws_s3_bucket")).toEqual({});
  });
});

describe("CDN stack with access logs, Origin Shield and 6 s segments", () => {
  const { stack } = cdn("config/examples/mediaconnect-srt-encrypted.json");
  const distribution = only(stack, "aws_cloudfront_distribution");
  const distributionName = nameOf(stack, "aws_cloudfront_distribution");
  const bucket = nameOf(stack, "aws_s3_bucket");
  const bucketRef = (attr: string) => ref("aws_s3_bucket", bucket, attr);

  test("timeouts and TTLs follow the segment length", () => {
    expect(distribution.origin[0]).toMatchObject({
      connection_timeout: 3,
      // Low-latency HLS (the default endpoints): three 6 s target durations plus one 1 s part.
      custom_origin_config: expect.objectContaining({ origin_read_timeout: 19, origin_keepalive_timeout: 7 }),
      origin_shield: { enabled: true, origin_shield_region: "us-west-2" },
    });
    const manifests = Object.values(resources(stack, "aws_cloudfront_cache_policy")).find((p) => p.name.endsWith("-manifests"));
    expect([manifests.default_ttl, manifests.max_ttl]).toEqual([3, 6]);
    expect(distribution.price_class).toBe("PriceClass_100");
  });

  test("the log bucket is private, owner-enforced, encrypted, TLS-only and expires logs", () => {
    expect(only(stack, "aws_s3_bucket").bucket_prefix).toBe("cup-final-global-cdn-logs-");
    expect(only(stack, "aws_s3_bucket_public_access_block")).toMatchObject({
      bucket: bucketRef("id"),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(stack, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(only(stack, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true },
    ]);
    expect(only(stack, "aws_s3_bucket_lifecycle_configuration").rule[0].expiration).toEqual([{ days: 30 }]);
    const policyDoc = only(stack, "aws_s3_bucket_policy").policy.match(/^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/)[1];
    expect(stack.data.aws_iam_policy_document[policyDoc].statement[0]).toEqual({
      sid: "DenyInsecureTransport",
      effect: "Deny",
      actions: ["s3:*"],
      principals: [{ type: "*", identifiers: ["*"] }],
      resources: [bucketRef("arn"), `${bucketRef("arn")}/*`],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  test("CloudFront access logs are delivered (standard logging v2) from the distribution to the bucket", () => {
    const source = only(stack, "aws_cloudwatch_log_delivery_source");
    expect(source).toMatchObject({ log_type: "ACCESS_LOGS", resource_arn: ref("aws_cloudfront_distribution", distributionName, "arn") });
    const destination = nameOf(stack, "aws_cloudwatch_log_delivery_destination");
    expect(resources(stack, "aws_cloudwatch_log_delivery_destination")[destination].delivery_destination_configuration).toEqual([
      { destination_resource_arn: bucketRef("arn") },
    ]);
    expect(only(stack, "aws_cloudwatch_log_delivery")).toMatchObject({
      delivery_source_name: ref("aws_cloudwatch_log_delivery_source", nameOf(stack, "aws_cloudwatch_log_delivery_source"), "name"),
      delivery_destination_arn: ref("aws_cloudwatch_log_delivery_destination", destination, "arn"),
      depends_on: [`aws_s3_bucket_policy.${nameOf(stack, "aws_s3_bucket_policy")}`],
    });
  });

  test("CORS is limited to the configured player origin", () => {
    expect(only(stack, "aws_cloudfront_response_headers_policy").cors_config.access_control_allow_origins.items).toEqual(["https://player.example.com"]);
  });
});
