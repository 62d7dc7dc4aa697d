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

  test("is managed in us-east-1 and reads the regional stack's state", () => {
    expect(stack.provider.aws[0].region).toBe("us-east-1");
    expect(stack.data.terraform_remote_state).toEqual({
      [Object.keys(stack.data.terraform_remote_state)[0]]: expect.objectContaining({ backend: "local", config: { path: "../../../terraform.demo-live-eu-west-1.tfstate" } }),
    });
  });

  // What the CDN builds is in __tests__/modules/delivery; here, what the stack feeds it.
  test("the origin is the regional stack's egress domain, read through its state, with timeouts from the profile's low-latency HLS parts", () => {
    const groupName = nameOf(regional, "aws_media_packagev2_channel_group");
    expect(distribution.origin.map((o: any) => [o.origin_id, o.domain_name, o.custom_origin_config.origin_read_timeout])).toEqual([
      // Low-latency HLS: a blocking playlist reload may be held for three 4 s target durations,
      // plus one 1 s part (the 1 s GOP's ingest segment) for the answer.
      ["mediapackage-eu-west-1", remoteOutput(stack, regional, ref("aws_media_packagev2_channel_group", groupName, "egress_domain")), 13],
    ]);
    expect(distribution.origin_group).toBeUndefined();
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

  test("the delivery block and the packaging timing reach the CDN", () => {
    expect(distribution.origin[0]).toMatchObject({
      connection_timeout: 3,
      // Low-latency HLS (the default endpoints): three 6 s target durations plus one 1 s part.
      custom_origin_config: expect.objectContaining({ origin_read_timeout: 19, origin_keepalive_timeout: 7 }),
      origin_shield: { enabled: true, origin_shield_region: "us-west-2" },
    });
    const manifests = Object.values(resources(stack, "aws_cloudfront_cache_policy")).find((p) => p.name.endsWith("-manifests"));
    expect([manifests.default_ttl, manifests.max_ttl]).toEqual([3, 6]);
    expect(distribution.price_class).toBe("PriceClass_100");
    expect(only(stack, "aws_s3_bucket").bucket_prefix).toBe("cup-final-global-cdn-logs-");
    expect(only(stack, "aws_s3_bucket_lifecycle_configuration").rule[0].expiration).toEqual([{ days: 30 }]);
    expect(only(stack, "aws_cloudfront_response_headers_policy").cors_config.access_control_allow_origins.items).toEqual(["https://player.example.com"]);
  });
});
