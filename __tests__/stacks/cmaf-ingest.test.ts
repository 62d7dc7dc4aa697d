import { StackJson, check, defaultConfig, load, nameOf, only, resources, synthApp } from "../support/project";

/** The CMAF ingest channel's template in a regional stack. */
function template(stack: StackJson): any {
  return JSON.parse(only(stack, "aws_cloudformation_stack").template_body);
}

/** The regional pipeline stacks: those with a `channel` output (not the CDN or Terraform Cloud stacks). */
const regionalStacks = (stacks: Record<string, StackJson>) => Object.entries(stacks).filter(([, s]) => s.output?.channel !== undefined);

describe.each([
  ["config/examples/two-regions.json", ["eu-west-1", "eu-central-1"]],
  ["config/examples/three-regions-forwarded.json", ["us-east-1", "us-west-2", "us-east-2"]],
])("%s: CMAF ingest in every region", (file, regions) => {
  const loaded = load(file);
  const stacks = synthApp(loaded);
  const regional = regionalStacks(stacks);

  test("every region: a CloudFormation stack holding the channel, no aws_medialive_channel, a CMAF-input MediaPackage channel with MQCS", () => {
    expect(regional.map(([name]) => name).sort()).toEqual(regions.map((r) => `${loaded.config.event.name}-${r}`).sort());
    for (const [, s] of regional) {
      expect(resources(s, "aws_medialive_channel")).toEqual({});
      expect(template(s).Resources.Channel.Type).toBe("AWS::MediaLive::Channel");
      expect(only(s, "awscc_mediapackagev2_channel")).toMatchObject({
        input_type: "CMAF",
        input_switch_configuration: { mqcs_input_switching: true },
        output_header_configuration: { publish_mqcs: true },
      });
    }
  });

  test("epoch locking and identical encoding and segment settings in every region", () => {
    const encoders = regional.map(([, s]) => template(s).Resources.Channel.Properties.EncoderSettings);
    for (const e of encoders) {
      expect(e.GlobalConfiguration.OutputLockingMode).toBe("EPOCH_LOCKING");
      expect(e.GlobalConfiguration.OutputLockingSettings).toEqual({ EpochLockingSettings: {} });
      expect(e.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings).toMatchObject({ SegmentLengthUnits: "SECONDS", SegmentLength: expect.any(Number) });
    }
    // The whole encoder configuration, not only the segment length: AWS requires identical
    // encoding and CMAF Ingest settings across encoders for cross-region failover.
    for (const e of encoders.slice(1)) expect(e).toEqual(encoders[0]);
    // And the packager cuts the same segments from them in every region.
    expect(new Set(regional.map(([, s]) => JSON.stringify(Object.values(resources(s, "awscc_mediapackagev2_origin_endpoint")).map((ep) => ep.segment)))).size).toBe(1);
  });

  test("the channel's id and ARN come from the stack outputs: in the channel output (same shape as before) and the alarms", () => {
    for (const [, s] of regional) {
      const stack = nameOf(s, "aws_cloudformation_stack");
      const id = `\${aws_cloudformation_stack.${stack}.outputs["ChannelId"]}`;
      expect(s.output.channel.value).toEqual({ id, arn: `\${aws_cloudformation_stack.${stack}.outputs["ChannelArn"]}`, class: "STANDARD" });
      const dimensioned = Object.values(resources(s, "aws_cloudwatch_metric_alarm")).filter((a: any) => JSON.stringify(a).includes("ChannelId"));
      expect(dimensioned.length).toBeGreaterThan(0);
      for (const a of dimensioned) expect(JSON.stringify(a)).toContain(id.replace(/"/g, '\\"'));
    }
  });

  test("no warning about ingest, locking or starting: the example asks for nothing CMAF ingest cannot do", () => {
    expect(loaded.warnings.filter((w) => /\/channel\//.test(w))).toEqual([]);
  });
});

describe("which ingest an event gets", () => {
  const ingestOf = (change: (c: Record<string, any>) => void) => {
    const c = defaultConfig();
    change(c);
    const loaded = check(c);
    const s = regionalStacks(synthApp(loaded))[0][1];
    return { loaded, s, type: only(s, "awscc_mediapackagev2_channel").input_type, cfn: Object.keys(resources(s, "aws_cloudformation_stack")).length };
  };

  test("one region: HLS by default, as before (an aws_medialive_channel, no CloudFormation stack)", () => {
    const { s, type, cfn } = ingestOf(() => {});
    expect(type).toBe("HLS");
    expect(cfn).toBe(0);
    expect(only(s, "aws_medialive_channel").encoder_settings.output_groups[0].output_group_settings.hls_group_settings).toBeDefined();
    expect(only(s, "awscc_mediapackagev2_channel").input_switch_configuration).toBeUndefined();
  });

  test("one region asking for CMAF gets it (what a CMAF ingest channel holds: __tests__/modules/encoder)", () => {
    const { loaded, type, cfn } = ingestOf((c) => (c.channel.ingest = "CMAF"));
    expect([type, cfn]).toEqual(["CMAF", 1]);
    expect(loaded.warnings).toEqual([]);
  });

  test("two regions asking for HLS get it, with a warning that says what is lost", () => {
    const { loaded, type } = ingestOf((c) => {
      c.regions = ["eu-west-1", "eu-central-1"];
      c.channel.ingest = "HLS";
      c.channel.outputLocking = "EPOCH_LOCKING";
      c.channel.scte35Passthrough = false;
    });
    expect(type).toBe("HLS");
    expect(loaded.warnings).toContain(
      "test.json: /channel/ingest is HLS with 2 regions: HLS ingest does not guarantee that the regions number their segments alike, so a CDN failover between regions can mix one region's playlist with the other's segments. Remove channel.ingest (CMAF is the default with more than one region). See docs/ingest.md.",
    );
  });

  test("start: true cannot start a CMAF ingest channel (CloudFormation creates channels idle): a warning says how to start it", () => {
    const { loaded } = ingestOf((c) => {
      c.channel.ingest = "CMAF";
      c.channel.start = true;
    });
    expect(loaded.warnings).toContain(
      "test.json: /channel/start is true, but a CMAF ingest channel is created through CloudFormation, which leaves MediaLive channels idle; start it before the event with npm run event -- start (docs/runbook.md)",
    );
  });

  test("epoch locking with SCTE-35 passthrough is refused with HLS ingest only", () => {
    const c = defaultConfig();
    c.channel.outputLocking = "EPOCH_LOCKING";
    expect(() => check(c)).toThrow("test.json: /channel/outputLocking EPOCH_LOCKING cannot be combined with SCTE-35 passthrough");
    c.channel.ingest = "CMAF";
    expect(() => check(c)).not.toThrow();
  });

  test("no user string reaches the template body as Terraform syntax: the loader refuses interpolation in tags", () => {
    const c = defaultConfig();
    c.regions = ["eu-west-1", "eu-central-1"];
    c.tags = { Note: "${var.secret}" };
    expect(() => check(c)).toThrow(/\/tags\/Note/);
  });
});
