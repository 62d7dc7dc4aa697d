import * as fs from "fs";
import * as path from "path";
import { ALARM_FAMILIES } from "../../../config/alarms";
import { ROOT, StackJson, check, defaultConfig, load, nameOf, resources, synthApp } from "../../support/project";

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

/** The alarm with this physical name (fails the test when there is none). */
function alarm(stack: StackJson, name: string): any {
  const found = Object.values(resources(stack, "aws_cloudwatch_metric_alarm")).find((a: any) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm named ${name}`);
  return found;
}

function alarmNames(stack: StackJson): string[] {
  return Object.values(resources(stack, "aws_cloudwatch_metric_alarm"))
    .map((a: any) => a.alarm_name)
    .sort();
}

/** The statements of the policy document a resource's policy attribute points at. */
function statementsOf(stack: StackJson, policy: string): any[] {
  const name = /^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/.exec(policy)![1];
  return stack.data.aws_iam_policy_document[name].statement;
}

/** Synthesizes the default configuration with a change; returns every stack by name. */
function synthWith(change: (c: Record<string, any>) => void): Record<string, StackJson> {
  const c = defaultConfig();
  change(c);
  return synthApp(check(c));
}

/** The remote-state expression by which the CDN stack reads a value of a regional stack. */
function remoteOutput(cdn: StackJson, regional: StackJson, valueExpression: string): string {
  const [outputName] = Object.entries(regional.output).find(([, o]: [string, any]) => o.value === valueExpression)!;
  const source = Object.keys(cdn.data.terraform_remote_state).find((s) => s.endsWith(regional.terraform.backend.local.path.match(/terraform\.(.+)\.tfstate$/)[1]))!;
  return `\${data.terraform_remote_state.${source}.outputs.${outputName}}`;
}

describe("regional alarms, default configuration (SRT over MediaConnect, STANDARD channel, eu-west-1)", () => {
  const stacks = synthApp(load("config/default.json"));
  const stack = stacks["demo-live-eu-west-1"];
  const topic = ref("aws_sns_topic", nameOf(stack, "aws_sns_topic"), "arn");
  const flow = (key: string) => ref("awscc_mediaconnect_flow", nameOf(stack, "awscc_mediaconnect_flow", (f) => f.name === `demo-live-euw1-flow-${key}`), "flow_arn");
  const flowName = (key: string) => ref("awscc_mediaconnect_flow", nameOf(stack, "awscc_mediaconnect_flow", (f) => f.name === `demo-live-euw1-flow-${key}`), "name");
  const channel = nameOf(stack, "aws_medialive_channel");
  const channelId = ref("aws_medialive_channel", channel, "channel_id");
  const group = ref("aws_media_packagev2_channel_group", nameOf(stack, "aws_media_packagev2_channel_group"), "name");
  const mpChannel = ref("awscc_mediapackagev2_channel", nameOf(stack, "awscc_mediapackagev2_channel"), "channel_name");
  const endpoint = (name: string) =>
    ref("awscc_mediapackagev2_origin_endpoint", nameOf(stack, "awscc_mediapackagev2_origin_endpoint", (e) => e.origin_endpoint_name === name), "origin_endpoint_name");

  test("one alarm per flow, pipeline and endpoint, named <event>-<region>-<layer>-<what>-<what broke>", () => {
    const flows = ["backup-a", "backup-b", "primary-a", "primary-b"].flatMap((k) =>
      ["bitrate-zero", "continuity-errors", "packet-loss", "source-disconnections", "source-not-connected"].map((w) => `demo-live-euw1-mediaconnect-flow-${k}-${w}`),
    );
    const pipelines = ["0", "1"].flatMap((p) =>
      [
        "active-alerts",
        "dropped-frames",
        "input-frame-rate-low",
        "input-loss",
        "output-4xx-errors",
        "output-5xx-errors",
        "running-on-backup-input",
        "silent",
      ].map((w) => `demo-live-euw1-medialive-pipeline-${p}-${w}`),
    );
    const packaging = [
      "demo-live-euw1-mediapackage-endpoint-cmaf-egress-5xx-errors",
      "demo-live-euw1-mediapackage-endpoint-cmaf-egress-slow",
      "demo-live-euw1-mediapackage-endpoint-ts-egress-5xx-errors",
      "demo-live-euw1-mediapackage-endpoint-ts-egress-slow",
      "demo-live-euw1-mediapackage-ingress-stopped",
    ];
    expect(alarmNames(stack)).toEqual([...flows, ...pipelines, ...packaging].sort());
  });

  test("every alarm notifies the region's topic when it fires and when it clears; a silent (stopped) service is not breaching", () => {
    for (const a of Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]) {
      expect(a.alarm_actions).toEqual([topic]);
      expect(a.ok_actions).toEqual([topic]);
      expect(a.insufficient_data_actions).toBeUndefined();
      expect(a.treat_missing_data).toBe("notBreaching");
      // The stack's default provider, in the region whose metrics the alarm reads.
      expect(a.provider).toBeUndefined();
    }
    expect(stack.provider.aws.find((p: any) => !p.alias).region).toBe("eu-west-1");
  });

  test.each([
    ["source-not-connected", "SourceConnected", "Maximum", "LessThanThreshold", 1, 60, 1],
    ["source-disconnections", "SourceDisconnections", "Sum", "GreaterThanOrEqualToThreshold", 3, 300, 1],
    ["packet-loss", "SourcePacketLossPercent", "Average", "GreaterThanThreshold", 2, 60, 3],
    ["continuity-errors", "SourceContinuityCounter", "Sum", "GreaterThanOrEqualToThreshold", 10, 60, 2],
    ["bitrate-zero", "SourceBitRate", "Maximum", "LessThanOrEqualToThreshold", 0, 60, 2],
  ])("MediaConnect %s: AWS/MediaConnect %s by FlowARN, %s, %s %d over %d s x %d", (what, metric, statistic, comparison, threshold, period, evaluations) => {
    for (const key of ["primary-a", "primary-b", "backup-a", "backup-b"]) {
      expect(alarm(stack, `demo-live-euw1-mediaconnect-flow-${key}-${what}`)).toMatchObject({
        namespace: "AWS/MediaConnect",
        metric_name: metric,
        dimensions: { FlowARN: flow(key) },
        statistic,
        comparison_operator: comparison,
        threshold,
        period,
        evaluation_periods: evaluations,
      });
    }
  });

  test.each([
    ["active-alerts", "ActiveAlerts", "Maximum", "GreaterThanOrEqualToThreshold", 1, 60, 3],
    ["running-on-backup-input", "PrimaryInputActive", "Maximum", "LessThanThreshold", 1, 60, 1],
    ["dropped-frames", "DroppedFrames", "Sum", "GreaterThanOrEqualToThreshold", 30, 60, 2],
  ])("MediaLive %s: AWS/MediaLive %s by ChannelId and Pipeline, %s, %s %d over %d s x %d", (what, metric, statistic, comparison, threshold, period, evaluations) => {
    for (const pipeline of ["0", "1"]) {
      const a = alarm(stack, `demo-live-euw1-medialive-pipeline-${pipeline}-${what}`);
      expect(a).toMatchObject({ namespace: "AWS/MediaLive", metric_name: metric, statistic, comparison_operator: comparison, threshold, period, evaluation_periods: evaluations });
      expect(a.dimensions).toEqual({ ChannelId: channelId, Pipeline: pipeline });
    }
  });

  test.each([
    ["output-4xx-errors", "Output4xxErrors"],
    ["output-5xx-errors", "Output5xxErrors"],
  ])("MediaLive %s: AWS/MediaLive %s by ChannelId, OutputGroupName (the channel's MediaPackage push group) and Pipeline", (what, metric) => {
    const outputGroup = `\${aws_medialive_channel.${channel}.encoder_settings[0].output_groups[0].name}`;
    // The reference points at the group that PUTs HLS to MediaPackage.
    const group = resources(stack, "aws_medialive_channel")[channel].encoder_settings.output_groups[0];
    expect(group.name).toBe("mediapackage");
    expect(group.output_group_settings.hls_group_settings.hls_cdn_settings[0].hls_basic_put_settings).toBeDefined();
    for (const pipeline of ["0", "1"]) {
      const a = alarm(stack, `demo-live-euw1-medialive-pipeline-${pipeline}-${what}`);
      expect(a).toMatchObject({ namespace: "AWS/MediaLive", metric_name: metric, statistic: "Sum", comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, period: 60, evaluation_periods: 2 });
      expect(a.dimensions).toEqual({ ChannelId: channelId, OutputGroupName: outputGroup, Pipeline: pipeline });
    }
  });

  test.each([
    ["input-loss", "SUM(InputLossSeconds)", "GreaterThanOrEqualToThreshold", 5, 1],
    ["input-frame-rate-low", "AVG(InputVideoFrameRate)", "LessThanThreshold", 15, 2],
  ])("MediaLive %s with automatic input failover: the active input only, through ActiveInputFailoverLabel (a Metrics Insights query)", (what, select, comparison, threshold, evaluations) => {
    for (const pipeline of ["0", "1"]) {
      const a = alarm(stack, `demo-live-euw1-medialive-pipeline-${pipeline}-${what}`);
      expect(a).toMatchObject({ comparison_operator: comparison, threshold, evaluation_periods: evaluations, treat_missing_data: "notBreaching" });
      expect(a.metric_name).toBeUndefined();
      expect(a.metric_query).toEqual([
        {
          id: "query",
          expression: `SELECT ${select} FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline) WHERE ChannelId = '${channelId}' AND Pipeline = '${pipeline}'`,
          label: `medialive-pipeline-${pipeline}-${what}`,
          period: 60,
          return_data: true,
        },
      ]);
    }
  });

  test("a running pipeline that stops reporting pages: its heartbeat is compared with its flows' media and the other pipeline", () => {
    const silent = alarm(stack, "demo-live-euw1-medialive-pipeline-0-silent");
    expect(silent).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluation_periods: 3 });
    expect(silent.metric_name).toBeUndefined();
    const metric = (namespace: string, name: string, dimensions: object, stat: string) => ({ metric_name: name, namespace, dimensions, stat, period: 60 });
    expect(silent.metric_query).toEqual([
      {
        id: "condition",
        expression: "IF((FILL(feed_primary, 0) + FILL(feed_backup, 0) + FILL(pipeline1, 0)) > 0 AND FILL(heartbeat, 0) == 0, 1, 0)",
        label: "pipeline 0 silent while the event is live",
        return_data: true,
      },
      { id: "heartbeat", return_data: false, metric: metric("AWS/MediaLive", "ActiveAlerts", { ChannelId: channelId, Pipeline: "0" }, "SampleCount") },
      { id: "feed_primary", return_data: false, metric: metric("AWS/MediaConnect", "SourceBitRate", { FlowARN: flow("primary-a") }, "Maximum") },
      { id: "feed_backup", return_data: false, metric: metric("AWS/MediaConnect", "SourceBitRate", { FlowARN: flow("backup-a") }, "Maximum") },
      { id: "pipeline1", return_data: false, metric: metric("AWS/MediaLive", "ActiveAlerts", { ChannelId: channelId, Pipeline: "1" }, "SampleCount") },
    ]);
    const other = alarm(stack, "demo-live-euw1-medialive-pipeline-1-silent");
    expect(other.metric_query.map((q: any) => [q.id, q.metric?.dimensions])).toEqual([
      ["condition", undefined],
      ["heartbeat", { ChannelId: channelId, Pipeline: "1" }],
      ["feed_primary", { FlowARN: flow("primary-b") }],
      ["feed_backup", { FlowARN: flow("backup-b") }],
      ["pipeline0", { ChannelId: channelId, Pipeline: "0" }],
    ]);
  });

  test("MediaPackage ingress stops: no ingest requests while MediaLive reports", () => {
    const ingress = alarm(stack, "demo-live-euw1-mediapackage-ingress-stopped");
    expect(ingress).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluation_periods: 2 });
    expect(ingress.metric_query).toEqual([
      { id: "condition", expression: "IF((FILL(pipeline0, 0) + FILL(pipeline1, 0)) > 0 AND FILL(ingress, 0) == 0, 1, 0)", label: "MediaLive running, MediaPackage ingest silent", return_data: true },
      {
        id: "ingress",
        return_data: false,
        metric: { namespace: "AWS/MediaPackage", metric_name: "IngressRequestCount", dimensions: { ChannelGroup: group, Channel: mpChannel }, stat: "Sum", period: 60 },
      },
      { id: "pipeline0", return_data: false, metric: { namespace: "AWS/MediaLive", metric_name: "ActiveAlerts", dimensions: { ChannelId: channelId, Pipeline: "0" }, stat: "SampleCount", period: 60 } },
      { id: "pipeline1", return_data: false, metric: { namespace: "AWS/MediaLive", metric_name: "ActiveAlerts", dimensions: { ChannelId: channelId, Pipeline: "1" }, stat: "SampleCount", period: 60 } },
    ]);
  });

  test.each(["ts", "cmaf"])("MediaPackage endpoint %s: egress 5xx count and response time, by group, channel and endpoint", (name) => {
    const dimensions = { ChannelGroup: group, Channel: mpChannel, OriginEndpoint: endpoint(name) };
    expect(alarm(stack, `demo-live-euw1-mediapackage-endpoint-${name}-egress-5xx-errors`)).toMatchObject({
      namespace: "AWS/MediaPackage",
      metric_name: "EgressRequestCount",
      dimensions: { ...dimensions, StatusCodeRange: "5xx" },
      statistic: "Sum",
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 10,
      period: 60,
      evaluation_periods: 2,
    });
    expect(alarm(stack, `demo-live-euw1-mediapackage-endpoint-${name}-egress-slow`)).toMatchObject({
      namespace: "AWS/MediaPackage",
      metric_name: "EgressResponseTime",
      dimensions,
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      threshold: 1000,
      period: 60,
      evaluation_periods: 3,
    });
  });

  test("descriptions say event, region, layer, what broke, which flow or pipeline, and what to check", () => {
    expect(alarm(stack, "demo-live-euw1-mediaconnect-flow-primary-b-source-not-connected").alarm_description).toBe(
      `[demo-live | eu-west-1 | MediaConnect] No srt-listener connection from the primary encoder to flow ${flowName("primary-b")} (primary input, pipeline 1 "b", \${element(data.aws_availability_zones.${Object.keys(stack.data.aws_availability_zones)[0]}.names, 1)}) for a whole 60 s. Check the primary encoder and its network path to the flow's ingest address (terraform output ingest-primary-b). The channel keeps playing from the other input while that one is healthy.`,
    );
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-1-input-loss").alarm_description).toBe(
      `[demo-live | eu-west-1 | MediaLive] Pipeline 1 of MediaLive channel ${ref("aws_medialive_channel", channel, "name")} (id ${channelId}) had no input for 5 s or more within 60 s on its active input. Viewers of this pipeline see the input-loss picture. Check the source of the active input; automatic failover to the other input should follow.`,
    );
    const layers: Record<string, string> = { mediaconnect: "MediaConnect", medialive: "MediaLive", mediapackage: "MediaPackage" };
    for (const a of Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]) {
      const layer = layers[a.alarm_name.split("-")[3]];
      expect(a.alarm_description.startsWith(`[demo-live | eu-west-1 | ${layer}] `)).toBe(true);
      expect(a.alarm_description.length).toBeLessThanOrEqual(1024);
    }
  });

  test("the topic is encrypted with its own rotating key; CloudWatch may use the key, the account only administers it", () => {
    const key = nameOf(stack, "aws_kms_key");
    const { [key]: keyBlock } = resources(stack, "aws_kms_key");
    expect(keyBlock).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7 });
    const topicBlock = Object.values(resources(stack, "aws_sns_topic"))[0] as any;
    expect(topicBlock).toMatchObject({ name: "demo-live-euw1-alarms", kms_master_key_id: ref("aws_kms_key", key, "arn") });
    expect(Object.values(resources(stack, "aws_kms_alias"))).toEqual([expect.objectContaining({ name: "alias/demo-live-euw1-alarms", target_key_id: ref("aws_kms_key", key, "key_id") })]);

    // The account and partition come from the stack's data sources, read once per stack.
    const account = `\${data.aws_caller_identity.${Object.keys(stack.data.aws_caller_identity)[0]}.account_id}`;
    const partition = `\${data.aws_partition.${Object.keys(stack.data.aws_partition)[0]}.partition}`;
    const root = [{ type: "AWS", identifiers: [`arn:${partition}:iam::${account}:root`] }];
    expect(statementsOf(stack, keyBlock.policy)).toEqual([
      {
        actions: [
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:PutKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:EnableKeyRotation",
          "kms:DisableKeyRotation",
          "kms:ListResourceTags",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateKeyDescription",
          "kms:EnableKey",
          "kms:DisableKey",
          "kms:ListGrants",
          "kms:RevokeGrant",
          "kms:CreateAlias",
          "kms:UpdateAlias",
          "kms:DeleteAlias",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
        ],
        principals: root,
        resources: ["*"],
      },
      { actions: ["kms:GenerateDataKey", "kms:Decrypt"], principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }], resources: ["*"] },
      {
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        principals: root,
        resources: ["*"],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["sns.eu-west-1.amazonaws.com"] }],
      },
    ]);
    const topicPolicy = Object.values(resources(stack, "aws_sns_topic_policy"))[0] as any;
    expect(topicPolicy.arn).toBe(topic);
    expect(statementsOf(stack, topicPolicy.policy)).toEqual([
      {
        actions: ["sns:Publish"],
        principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
        resources: [topic],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:cloudwatch:eu-west-1:${account}:alarm:demo-live-euw1-*`] },
        ],
      },
    ]);
  });

  test("the configured address is subscribed", () => {
    expect(Object.values(resources(stack, "aws_sns_topic_subscription"))).toEqual([
      expect.objectContaining({ topic_arn: topic, protocol: "email", endpoint: "ops@example.com" }),
    ]);
  });
});

describe("CDN alarms and the event dashboard, default configuration", () => {
  const stacks = synthApp(load("config/default.json"));
  const cdn = stacks["demo-live-cdn"];
  const regional = stacks["demo-live-eu-west-1"];
  const topic = ref("aws_sns_topic", nameOf(cdn, "aws_sns_topic"), "arn");
  const distribution = nameOf(cdn, "aws_cloudfront_distribution");
  const distributionId = ref("aws_cloudfront_distribution", distribution, "id");

  test("CloudFront alarms live in us-east-1, where CloudFront's metrics are, and notify a topic there", () => {
    expect(cdn.provider.aws.find((p: any) => !p.alias).region).toBe("us-east-1");
    expect(alarmNames(cdn)).toEqual(["demo-live-global-cloudfront-5xx-error-rate", "demo-live-global-cloudfront-total-error-rate"]);
    const dimensions = { DistributionId: distributionId, Region: "Global" };
    const common = { namespace: "AWS/CloudFront", dimensions, statistic: "Average", comparison_operator: "GreaterThanThreshold", period: 60, evaluation_periods: 3 };
    expect(alarm(cdn, "demo-live-global-cloudfront-5xx-error-rate")).toMatchObject({ ...common, metric_name: "5xxErrorRate", threshold: 1 });
    expect(alarm(cdn, "demo-live-global-cloudfront-total-error-rate")).toMatchObject({ ...common, metric_name: "TotalErrorRate", threshold: 5 });
    for (const a of Object.values(resources(cdn, "aws_cloudwatch_metric_alarm")) as any[]) {
      expect(a).toMatchObject({ alarm_actions: [topic], ok_actions: [topic], treat_missing_data: "notBreaching" });
      expect(a.provider).toBeUndefined();
      expect(a.alarm_description.startsWith("[demo-live | global | CloudFront] ")).toBe(true);
    }
    const topicBlock = Object.values(resources(cdn, "aws_sns_topic"))[0] as any;
    expect(topicBlock).toMatchObject({ name: "demo-live-global-alarms", kms_master_key_id: ref("aws_kms_key", nameOf(cdn, "aws_kms_key"), "arn") });
  });

  test("every alarm is created in the region its metrics live in", () => {
    const namespaces = (stack: StackJson) =>
      new Set(
        (Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]).flatMap((a) => (a.namespace ? [a.namespace] : a.metric_query.filter((q: any) => q.metric).map((q: any) => q.metric.namespace))),
      );
    expect([...namespaces(regional)].sort()).toEqual(["AWS/MediaConnect", "AWS/MediaLive", "AWS/MediaPackage"]);
    expect([...namespaces(cdn)]).toEqual(["AWS/CloudFront"]);
  });

  test("the CDN topic's account id and partition come from the stack's own data sources, not from the distribution", () => {
    const account = `\${data.aws_caller_identity.${Object.keys(cdn.data.aws_caller_identity)[0]}.account_id}`;
    const partition = `\${data.aws_partition.${Object.keys(cdn.data.aws_partition)[0]}.partition}`;
    const policy = Object.values(resources(cdn, "aws_sns_topic_policy"))[0] as any;
    expect(statementsOf(cdn, policy.policy)[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:cloudwatch:us-east-1:${account}:alarm:demo-live-global-*`] },
    ]);
    expect(JSON.stringify(cdn)).not.toContain(`aws_cloudfront_distribution.${distribution}.arn), 4)`);
  });

  test("no additional metrics (billed) and no origin latency alarm unless configured", () => {
    expect(resources(cdn, "aws_cloudfront_monitoring_subscription")).toEqual({});
  });

  test("one dashboard per event: input, pipeline, packaging per region, then the CDN, each widget in its metrics' region", () => {
    const dashboard = Object.values(resources(cdn, "aws_cloudwatch_dashboard"))[0] as any;
    expect(dashboard.dashboard_name).toBe("demo-live-global-dashboard");
    const widgets = JSON.parse(dashboard.dashboard_body).widgets;
    expect(widgets.map((w: any) => [w.properties.title ?? w.properties.markdown, w.properties.region])).toEqual([
      ["## demo-live in eu-west-1", undefined],
      ["Input: MediaConnect source bitrate (b/s)", "eu-west-1"],
      ["Input: MediaConnect source connected (1 = yes)", "eu-west-1"],
      ["Input: MediaLive input loss (s) and input frame rate", "eu-west-1"],
      ["Pipeline: active alerts, primary input active (1 = yes)", "eu-west-1"],
      ["Pipeline: dropped frames, output 4xx/5xx to MediaPackage", "eu-west-1"],
      ["Packaging ingress: requests and bytes from MediaLive", "eu-west-1"],
      ["Packaging egress: requests by status", "eu-west-1"],
      ["Packaging egress: response time (ms)", "eu-west-1"],
      ["## demo-live: CDN (CloudFront)", undefined],
      ["CDN: requests", "us-east-1"],
      ["CDN: error rates (%)", "us-east-1"],
    ]);
    // Widgets tile the 24-column grid without overlapping.
    for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
    expect(widgets.slice(1, 4).map((w: any) => [w.x, w.y])).toEqual([
      [0, 1],
      [8, 1],
      [16, 1],
    ]);

    const flowArn = (key: string) =>
      remoteOutput(cdn, regional, ref("awscc_mediaconnect_flow", nameOf(regional, "awscc_mediaconnect_flow", (f) => f.name === `demo-live-euw1-flow-${key}`), "flow_arn"));
    expect(widgets[1].properties.metrics).toEqual(
      ["primary-a", "primary-b", "backup-a", "backup-b"].map((k) => ["AWS/MediaConnect", "SourceBitRate", "FlowARN", flowArn(k), { label: `flow ${k}` }]),
    );
    const channelId = remoteOutput(cdn, regional, ref("aws_medialive_channel", nameOf(regional, "aws_medialive_channel"), "channel_id"));
    expect(widgets[4].properties.metrics).toEqual([
      ["AWS/MediaLive", "ActiveAlerts", "ChannelId", channelId, "Pipeline", "0", { label: "ActiveAlerts pipeline 0" }],
      ["AWS/MediaLive", "ActiveAlerts", "ChannelId", channelId, "Pipeline", "1", { label: "ActiveAlerts pipeline 1" }],
      ["AWS/MediaLive", "PrimaryInputActive", "ChannelId", channelId, "Pipeline", "0", { label: "PrimaryInputActive pipeline 0" }],
      ["AWS/MediaLive", "PrimaryInputActive", "ChannelId", channelId, "Pipeline", "1", { label: "PrimaryInputActive pipeline 1" }],
    ]);
    const group = remoteOutput(cdn, regional, ref("aws_media_packagev2_channel_group", nameOf(regional, "aws_media_packagev2_channel_group"), "name"));
    const egress = widgets[7].properties.metrics;
    expect(egress).toHaveLength(6);
    expect(egress[0].slice(0, 4)).toEqual(["AWS/MediaPackage", "EgressRequestCount", "ChannelGroup", group]);
    expect(egress.map((m: any[]) => m[m.length - 1].label)).toEqual(["cmaf 2xx", "cmaf 4xx", "cmaf 5xx", "ts 2xx", "ts 4xx", "ts 5xx"]);
    expect(widgets[11].properties.metrics).toEqual([
      ["AWS/CloudFront", "5xxErrorRate", "DistributionId", distributionId, "Region", "Global", { label: "5xxErrorRate" }],
      ["AWS/CloudFront", "4xxErrorRate", "DistributionId", distributionId, "Region", "Global", { label: "4xxErrorRate" }],
      ["AWS/CloudFront", "TotalErrorRate", "DistributionId", distributionId, "Region", "Global", { label: "TotalErrorRate" }],
    ]);
  });
});

describe("configuration variants", () => {
  test("CloudFront additional metrics: a realtime metrics subscription, the origin latency alarm and its widget", () => {
    const cdn = synthWith((c) => (c.alarms.cdnAdditionalMetrics = true))["demo-live-cdn"];
    const distribution = nameOf(cdn, "aws_cloudfront_distribution");
    expect(Object.values(resources(cdn, "aws_cloudfront_monitoring_subscription"))).toEqual([
      expect.objectContaining({
        distribution_id: ref("aws_cloudfront_distribution", distribution, "id"),
        monitoring_subscription: { realtime_metrics_subscription_config: { realtime_metrics_subscription_status: "Enabled" } },
      }),
    ]);
    expect(alarm(cdn, "demo-live-global-cloudfront-origin-latency")).toMatchObject({
      namespace: "AWS/CloudFront",
      metric_name: "OriginLatency",
      dimensions: { DistributionId: ref("aws_cloudfront_distribution", distribution, "id"), Region: "Global" },
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      threshold: 1000,
    });
    const widgets = JSON.parse((Object.values(resources(cdn, "aws_cloudwatch_dashboard"))[0] as any).dashboard_body).widgets;
    expect(widgets[widgets.length - 1].properties).toMatchObject({ title: "CDN: origin latency (ms)", region: "us-east-1" });
  });

  test("overrides change threshold, period and evaluation periods; enabled: false leaves a family out", () => {
    const stack = synthWith((c) => {
      c.alarms.families = {
        sourcePacketLoss: { enabled: false },
        activeAlerts: { threshold: 2, periodSeconds: 10, evaluationPeriods: 3 },
        inputLoss: { threshold: 2, periodSeconds: 120 },
        pipelineSilent: { periodSeconds: 120 },
        cdn5xxErrorRate: { threshold: 0.5 },
      };
    });
    const regional = stack["demo-live-eu-west-1"];
    expect(alarmNames(regional).filter((n) => n.endsWith("-packet-loss"))).toEqual([]);
    expect(alarm(regional, "demo-live-euw1-medialive-pipeline-0-active-alerts")).toMatchObject({ threshold: 2, period: 10, evaluation_periods: 3 });
    expect(alarm(regional, "demo-live-euw1-medialive-pipeline-0-active-alerts").alarm_description).toContain("has had at least 2 active alert for 30 s");
    // A Metrics Insights alarm carries its period on the query.
    expect(alarm(regional, "demo-live-euw1-medialive-pipeline-0-input-loss")).toMatchObject({ threshold: 2, metric_query: [expect.objectContaining({ period: 120 })] });
    expect(alarm(regional, "demo-live-euw1-medialive-pipeline-0-input-loss").alarm_description).toContain("had no input for 2 s or more within 120 s");
    expect(alarm(regional, "demo-live-euw1-medialive-pipeline-1-silent").metric_query.filter((q: any) => q.metric).map((q: any) => q.metric.period)).toEqual([120, 120, 120, 120]);
    expect(alarm(stack["demo-live-cdn"], "demo-live-global-cloudfront-5xx-error-rate").threshold).toBe(0.5);
  });

  test("the input frame-rate threshold defaults to half the profile's frame rate (HD-720p: 25 fps)", () => {
    const stack = synthWith((c) => (c.channel.encodingProfile = "HD-720p"))["demo-live-eu-west-1"];
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-0-input-frame-rate-low").threshold).toBe(12);
  });

  test("RTP-FEC, single pipeline: no connection alarms (RTP has no connection state), one MediaLive pipeline watched through its flows", () => {
    const stack = synthApp(load("config/examples/mediaconnect-rtp-fec-merge.json"))["studio-feed-eu-central-1"];
    const names = alarmNames(stack);
    expect(names.filter((n) => n.includes("-mediaconnect-"))).toEqual(
      ["backup-a", "primary-a"].flatMap((k) => ["bitrate-zero", "continuity-errors", "packet-loss"].map((w) => `studio-feed-euc1-mediaconnect-flow-${k}-${w}`)),
    );
    expect(names.filter((n) => n.includes("-medialive-pipeline-1-"))).toEqual([]);
    const silent = alarm(stack, "studio-feed-euc1-medialive-pipeline-0-silent");
    expect(silent.metric_query[0].expression).toBe("IF((FILL(feed_primary, 0) + FILL(feed_backup, 0)) > 0 AND FILL(heartbeat, 0) == 0, 1, 0)");
    expect(alarm(stack, "studio-feed-euc1-mediapackage-ingress-stopped").metric_query[0].expression).toBe("IF((FILL(pipeline0, 0)) > 0 AND FILL(ingress, 0) == 0, 1, 0)");
  });

  test("Zixi push reports its connection: connection alarms per flow", () => {
    const stack = synthApp(load("config/examples/mediaconnect-zixi.json"))["concert-live-ap-southeast-2"];
    expect(alarm(stack, "concert-live-apse2-mediaconnect-flow-primary-a-source-not-connected").metric_name).toBe("SourceConnected");
  });

  test("a single-pipeline channel on files: no MediaConnect alarms, no silence alarm (nothing to compare its silence with), no input-loss or failover alarms (files report neither)", () => {
    const stacks = synthApp(load("config/examples/mp4-file.json"));
    const stack = stacks["rehearsal-eu-west-3"];
    const names = alarmNames(stack);
    expect(names.filter((n) => n.includes("-mediaconnect-") || n.endsWith("-silent"))).toEqual([]);
    expect(names.filter((n) => n.endsWith("-input-loss") || n.endsWith("-running-on-backup-input"))).toEqual([]);
    // Without automatic failover the frame rate is read by ChannelId and Pipeline (the labelled set would report nothing).
    const frameRate = alarm(stack, "rehearsal-euw3-medialive-pipeline-0-input-frame-rate-low");
    expect(frameRate).toMatchObject({ namespace: "AWS/MediaLive", metric_name: "InputVideoFrameRate", statistic: "Average" });
    expect(Object.keys(frameRate.dimensions).sort()).toEqual(["ChannelId", "Pipeline"]);
    const widgets = JSON.parse((Object.values(resources(stacks["rehearsal-cdn"], "aws_cloudwatch_dashboard"))[0] as any).dashboard_body).widgets;
    expect(widgets.map((w: any) => w.properties.title).filter((t: string) => t?.startsWith("Input") || t?.startsWith("Pipeline: active"))).toEqual([
      "Input: MediaLive input frame rate",
      "Pipeline: active alerts",
    ]);
  });

  test("RTMP push with equal input preference: automatic failover (input metrics of the active input), but no input-loss alarm (RTMP does not report it) and no primary-input alarm (meaningless without a preferred input)", () => {
    const c = defaultConfig();
    c.contribution = { type: "RTMP_PUSH", allowlistCidrs: ["198.51.100.0/24"] };
    c.channel.inputFailover.preference = "EQUAL_INPUT_PREFERENCE";
    const stack = synthApp(check(c))["demo-live-eu-west-1"];
    const names = alarmNames(stack);
    expect(names.filter((n) => /-(input-loss|running-on-backup-input)$/.test(n))).toEqual([]);
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-0-input-frame-rate-low").metric_query[0].expression).toContain('FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline)');
  });

  test("two regions, one of them us-east-1: one topic and alarm set per region, the CDN's apart, one dashboard over both", () => {
    const stacks = synthWith((c) => (c.regions = ["eu-west-1", "us-east-1"]));
    expect(Object.values(resources(stacks["demo-live-eu-west-1"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["demo-live-euw1-alarms"]);
    expect(Object.values(resources(stacks["demo-live-us-east-1"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["demo-live-use1-alarms"]);
    expect(Object.values(resources(stacks["demo-live-cdn"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["demo-live-global-alarms"]);
    expect(alarmNames(stacks["demo-live-us-east-1"])).toContain("demo-live-use1-medialive-pipeline-0-input-loss");
    const widgets = JSON.parse((Object.values(resources(stacks["demo-live-cdn"], "aws_cloudwatch_dashboard"))[0] as any).dashboard_body).widgets;
    expect(widgets.filter((w: any) => w.type === "text").map((w: any) => w.properties.markdown)).toEqual([
      "## demo-live in eu-west-1",
      "## demo-live in us-east-1",
      "## demo-live: CDN (CloudFront)",
    ]);
    expect(new Set(widgets.filter((w: any) => w.properties.title?.startsWith("Input")).map((w: any) => w.properties.region))).toEqual(new Set(["eu-west-1", "us-east-1"]));
    // Two regions ingest CMAF: each region's quality score, lowest per minute, per pipeline of its push group.
    const quality = widgets.filter((w: any) => w.properties.title === "Pipeline: media quality score MinMQCS (100 = best)");
    expect(quality.map((w: any) => [w.properties.region, w.properties.stat])).toEqual([
      ["eu-west-1", "Minimum"],
      ["us-east-1", "Minimum"],
    ]);
    for (const w of quality) {
      expect(w.properties.metrics.map((m: any[]) => [m[0], m[1], m[2], m[4], m[6], m[7]])).toEqual([
        ["AWS/MediaLive", "MinMQCS", "ChannelId", "OutputGroupName", "Pipeline", "0"],
        ["AWS/MediaLive", "MinMQCS", "ChannelId", "OutputGroupName", "Pipeline", "1"],
      ]);
      for (const m of w.properties.metrics) expect([m[3], m[5]]).toEqual([expect.stringMatching(/^\$\{data\.terraform_remote_state\./), expect.stringMatching(/^\$\{data\.terraform_remote_state\./)]);
    }
    expect(alarmNames(stacks["demo-live-us-east-1"])).toContain("demo-live-use1-medialive-pipeline-1-media-quality-low");
  });

  test("subscriptions: one per notification on every topic; none configured, the topics still exist", () => {
    const notifications = [
      { protocol: "email", endpoint: "ops@example.com" },
      { protocol: "sms", endpoint: "+14155550100" },
      { protocol: "https", endpoint: "https://events.example.com/alarms" },
    ];
    const stacks = synthWith((c) => (c.alarms.notifications = notifications));
    for (const stack of [stacks["demo-live-eu-west-1"], stacks["demo-live-cdn"]]) {
      const topic = ref("aws_sns_topic", nameOf(stack, "aws_sns_topic"), "arn");
      const subscriptions = Object.values(resources(stack, "aws_sns_topic_subscription")).map((s: any) => [s.topic_arn, s.protocol, s.endpoint]);
      expect(subscriptions.sort()).toEqual([
        [topic, "email", "ops@example.com"],
        [topic, "https", "https://events.example.com/alarms"],
        [topic, "sms", "+14155550100"],
      ]);
    }
    const silent = synthWith((c) => delete c.alarms);
    expect(resources(silent["demo-live-eu-west-1"], "aws_sns_topic_subscription")).toEqual({});
    expect(Object.keys(resources(silent["demo-live-eu-west-1"], "aws_sns_topic"))).toHaveLength(1);
  });

  test("no policy statement grants a wildcard action", () => {
    for (const stack of Object.values(synthApp(load("config/default.json")))) {
      for (const doc of Object.values(stack.data?.aws_iam_policy_document ?? {}) as any[]) {
        for (const s of doc.statement) for (const a of s.actions ?? []) expect(a).not.toContain("*");
      }
    }
  });
});

describe("docs/alarms.md", () => {
  const readme = fs.readFileSync(path.join(ROOT, "docs", "alarms.md"), "utf8");

  test.each(Object.keys(ALARM_FAMILIES))("lists the alarm family %s in the alarm table", (family) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${family}\` \\|`, "m"));
  });
});
