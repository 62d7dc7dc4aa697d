import { StackJson, dataNameOf, load, nameOf, only, resources, synthApp } from "../support/project";

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

/** The regional stack of a shipped configuration (the first region). */
function regional(file: string): StackJson {
  const loaded = load(file);
  return synthApp(loaded)[`${loaded.config.event.name}-${loaded.config.regions[0]}`];
}

function flowNamed(stack: StackJson, physical: string): string {
  return nameOf(stack, "awscc_mediaconnect_flow", (f) => f.name === physical);
}

function inputNamed(stack: StackJson, physical: string): string {
  return nameOf(stack, "aws_medialive_input", (i) => i.name === physical);
}

/** The stack's account id and partition, as the references its ARNs are built from. */
function identity(stack: StackJson): { account: string; partition: string } {
  return {
    account: `\${data.aws_caller_identity.${dataNameOf(stack, "aws_caller_identity")}.account_id}`,
    partition: `\${data.aws_partition.${dataNameOf(stack, "aws_partition")}.partition}`,
  };
}

function allStatements(stack: StackJson): any[] {
  return Object.values(stack.data?.aws_iam_policy_document ?? {}).flatMap((d: any) => d.statement);
}

describe("regional pipeline, default configuration (MediaConnect SRT, STANDARD)", () => {
  const stack = regional("config/default.json");
  const role = nameOf(stack, "aws_iam_role", (r) => r.name === "demo-live-euw1-medialive");
  const policy = nameOf(stack, "aws_iam_role_policy");
  const channel = only(stack, "aws_medialive_channel");
  const packagerChannel = nameOf(stack, "awscc_mediapackagev2_channel");

  test("each MediaLive input reads its own two flows, with the MediaLive role, after the role's policy exists", () => {
    for (const inputRole of ["primary", "backup"]) {
      const input = resources(stack, "aws_medialive_input")[inputNamed(stack, `demo-live-euw1-input-${inputRole}`)];
      expect(input.type).toBe("MEDIACONNECT");
      expect(input.role_arn).toBe(ref("aws_iam_role", role, "arn"));
      expect(input.depends_on).toEqual([`aws_iam_role_policy.${policy}`]);
      expect(input.media_connect_flows).toEqual([
        { flow_arn: ref("awscc_mediaconnect_flow", flowNamed(stack, `demo-live-euw1-flow-${inputRole}-a`), "flow_arn") },
        { flow_arn: ref("awscc_mediaconnect_flow", flowNamed(stack, `demo-live-euw1-flow-${inputRole}-b`), "flow_arn") },
      ]);
    }
  });

  test("the channel attaches both inputs and fails over from primary to backup", () => {
    expect(channel.channel_class).toBe("STANDARD");
    expect(channel.start_channel).toBe(false);
    expect(channel.role_arn).toBe(ref("aws_iam_role", role, "arn"));
    const [primary, backup] = channel.input_attachments;
    expect(primary.input_attachment_name).toBe("primary");
    expect(primary.input_id).toBe(ref("aws_medialive_input", inputNamed(stack, "demo-live-euw1-input-primary"), "id"));
    expect(backup.input_id).toBe(ref("aws_medialive_input", inputNamed(stack, "demo-live-euw1-input-backup"), "id"));
    expect(primary.automatic_input_failover_settings).toEqual({
      secondary_input_id: ref("aws_medialive_input", inputNamed(stack, "demo-live-euw1-input-backup"), "id"),
      input_preference: "PRIMARY_INPUT_PREFERRED",
      error_clear_time_msec: 10000,
      failover_condition: [
        { failover_condition_settings: { input_loss_settings: { input_loss_threshold_msec: 1000 } } },
        { failover_condition_settings: { video_black_settings: { black_detect_threshold: 0.1, video_black_threshold_msec: 5000 } } },
      ],
    });
    expect(backup.automatic_input_failover_settings).toBeUndefined();
  });

  test("each pipeline pushes to its own MediaPackage v2 ingest endpoint", () => {
    expect(channel.destinations).toEqual([
      {
        id: "mediapackage",
        settings: [
          { url: `\${element(awscc_mediapackagev2_channel.${packagerChannel}.ingest_endpoint_urls, 0)}` },
          { url: `\${element(awscc_mediapackagev2_channel.${packagerChannel}.ingest_endpoint_urls, 1)}` },
        ],
      },
    ]);
    const group = channel.encoder_settings.output_groups[0];
    expect(group.output_group_settings.hls_group_settings.destination).toEqual({ destination_ref_id: "mediapackage" });
  });

  test("the channel encodes the profile the configuration names (HD-1080p; what a profile becomes: __tests__/modules/encoder)", () => {
    expect(channel.input_specification).toEqual({ codec: "AVC", input_resolution: "HD", maximum_bitrate: "MAX_20_MBPS" });
    expect(channel.encoder_settings.video_descriptions).toHaveLength(6);
  });

  test("MediaPackage v2: the channel group is named after the event, and its channel admits this stack's MediaLive role", () => {
    // What the packager builds is in __tests__/modules/packager; here, what the stack feeds it.
    expect(only(stack, "aws_media_packagev2_channel_group").name).toBe("demo-live");
    const document = dataNameOf(stack, "aws_iam_policy_document", (d) => d.statement[0].sid === "AllowMediaLiveToPush");
    expect(stack.data.aws_iam_policy_document[document].statement[0].principals).toEqual([{ type: "AWS", identifiers: [ref("aws_iam_role", role, "arn")] }]);
    const endpoints = Object.values(resources(stack, "awscc_mediapackagev2_origin_endpoint"));
    expect(endpoints.map((e) => [e.origin_endpoint_name, e.container_type, e.dash_manifests !== undefined]).sort()).toEqual([
      ["cmaf", "CMAF", true],
      ["ts", "TS", false],
    ]);
  });

  test("the MediaLive role may do only what MediaLive needs, on this event's resources", () => {
    const role = only(stack, "aws_iam_role");
    const trust = dataNameOf(stack, "aws_iam_policy_document", (d) => d.statement[0].actions[0] === "sts:AssumeRole");
    expect(role.assume_role_policy).toBe(`\${data.aws_iam_policy_document.${trust}.json}`);
    const statements = allStatements(stack);
    for (const s of statements) for (const a of s.actions) expect(a).not.toContain("*");
    const access = statements.filter((s) => s.sid && s.sid !== "AllowMediaLiveToPush");
    const { account, partition } = identity(stack);
    expect(Object.fromEntries(access.map((s) => [s.sid, s.resources]))).toEqual({
      PushToPackager: [`arn:${partition}:mediapackagev2:eu-west-1:${account}:channelGroup/demo-live/channel/live`],
      WriteChannelLogs: [`arn:${partition}:logs:eu-west-1:${account}:log-group:ElementalMediaLive*`],
      UseMediaConnectFlows: [`arn:${partition}:mediaconnect:eu-west-1:${account}:flow:*:demo-live-euw1-flow-*`],
    });
  });

  test("outputs tell the encoder operator where to send each feed", () => {
    const output = stack.output["ingest-primary-b"];
    expect(output.description).toBe("Send the primary feed for pipeline b here (srt-listener)");
    expect(output.value).toEqual({
      protocol: "srt-listener",
      ip: ref("awscc_mediaconnect_flow", flowNamed(stack, "demo-live-euw1-flow-primary-b"), "source.ingest_ip"),
      port: 5000,
      availability_zone: `\${element(data.aws_availability_zones.${dataNameOf(stack, "aws_availability_zones")}.names, 1)}`,
      allowed_cidr: "198.51.100.0/24",
      flow_arn: ref("awscc_mediaconnect_flow", flowNamed(stack, "demo-live-euw1-flow-primary-b"), "flow_arn"),
    });
    expect(Object.keys(stack.output).filter((k) => k.startsWith("ingest-")).sort()).toEqual(["ingest-backup-a", "ingest-backup-b", "ingest-primary-a", "ingest-primary-b"]);
  });

  test("tags: the provider tags every aws resource with event, environment and cost centre", () => {
    expect(stack.provider.aws[0].default_tags[0].tags).toEqual({
      Event: "demo-live",
      Environment: "production",
      CostCentre: "live-events",
      ManagedBy: "live-event-pipeline",
    });
    expect(only(stack, "awscc_mediapackagev2_channel").tags).toEqual([
      { key: "CostCentre", value: "live-events" },
      { key: "Environment", value: "production" },
      { key: "Event", value: "demo-live" },
      { key: "ManagedBy", value: "live-event-pipeline" },
    ]);
  });
});

describe("regional pipeline variants", () => {
  test("SRT with a passphrase: the flows decrypt with the configuration's secret for the region, each with its second source", () => {
    const stack = regional("config/examples/mediaconnect-srt-encrypted.json");
    const secret = "arn:aws:secretsmanager:us-west-2:123456789012:secret:cup-final/srt-passphrase-Ab12Cd";
    const flows = Object.values(resources(stack, "awscc_mediaconnect_flow"));
    expect(flows).toHaveLength(4);
    for (const f of flows) expect(f.source.decryption.secret_arn).toBe(secret);
    expect(Object.keys(resources(stack, "awscc_mediaconnect_flow_source"))).toHaveLength(4);
  });

  test("single pipeline with RTP-FEC merged from two paths: two flows, each input reading one (the channel: __tests__/modules/encoder)", () => {
    const stack = regional("config/examples/mediaconnect-rtp-fec-merge.json");
    expect(Object.values(resources(stack, "awscc_mediaconnect_flow")).map((f) => f.name).sort()).toEqual(["studio-feed-euc1-flow-backup-a", "studio-feed-euc1-flow-primary-a"]);
    expect(only(stack, "aws_medialive_channel").channel_class).toBe("SINGLE_PIPELINE");
    for (const input of Object.values(resources(stack, "aws_medialive_input"))) expect(input.media_connect_flows).toHaveLength(1);
  });

  test("Zixi push: the operator's output says port 2088 (implicit in the flow)", () => {
    const stack = regional("config/examples/mediaconnect-zixi.json");
    expect(stack.output["ingest-primary-a"].value.port).toBe(2088);
  });

  test("RTMP pull: the role may read only the configured password parameter", () => {
    const stack = regional("config/examples/rtmp-pull.json");
    const { account, partition } = identity(stack);
    expect(allStatements(stack).find((s) => s.sid === "ReadPullPassword").resources).toEqual([`arn:${partition}:ssm:ca-central-1:${account}:parameter/partner-pull/rtmp-password`]);
  });

  test.each(["config/examples/mp4-file.json"])("%s: the role may list the source buckets and read exactly the source files (s3ssl://)", (file) => {
    const stack = regional(file);
    const pull = load(file).config.contribution.pull!;
    const urls = [...pull.primaryUrls, ...pull.backupUrls];
    const { partition } = identity(stack);
    const statements = allStatements(stack);
    const read = statements.find((s) => s.sid === "ReadSourceFiles");
    expect(read.actions).toEqual(["s3:GetObject"]);
    expect([...read.resources].sort()).toEqual([...new Set(urls.map((u) => `arn:${partition}:s3:::${u.replace(/^s3ssl:\/\//, "")}`))].sort());
    const list = statements.find((s) => s.sid === "ListSourceBuckets");
    expect(list.actions).toEqual(["s3:ListBucket"]);
    expect(list.resources).toEqual([...new Set(urls.map((u) => `arn:${partition}:s3:::${u.split("/")[2]}`))]);
  });

  test.each([
    ["config/examples/rtmp-pull.json", "RTMP_PULL"],
    ["config/examples/url-pull.json", "URL_PULL"],
    ["config/examples/mp4-file.json", "MP4_FILE"],
    ["config/examples/ts-file.json", "TS_FILE"],
    ["config/examples/udp-push.json", "UDP_PUSH"],
  ])("%s: a warning says the inputs cannot fail over automatically (the channel itself: __tests__/modules/encoder)", (file, type) => {
    const loaded = load(file);
    expect(loaded.warnings).toContain(
      `${file}: /contribution/type ${type} inputs cannot fail over automatically (MediaLive pairs push inputs only: MEDIACONNECT, RTP_PUSH, RTMP_PUSH, INPUT_DEVICE); both inputs are attached, switch to the backup with an input switch schedule action`,
    );
  });
});
