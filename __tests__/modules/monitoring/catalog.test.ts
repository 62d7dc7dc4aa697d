import Ajv from "ajv";
import { Testing } from "cdktf";
import { CdnMonitoring } from "../../../modules/monitoring";
import { GLOBAL_SCOPE, Naming } from "../../../modules/naming";
import catalog from "../../../modules/monitoring/metrics.json";
import schema from "../../../modules/monitoring/metrics.schema.json";
import { StackJson, load, resources, shippedConfigs, synthApp } from "../../support/project";

// Every alarm and dashboard widget of every shipped configuration, checked against the metric
// catalog (modules/monitoring/metrics.json): the metric exists in its namespace, its dimension
// names are exactly one documented set (CloudWatch matches a set exactly: any other set is a
// series that never receives data), the set AWS recommends for the setup is the one used, every
// dimension value is a reference to a real resource (or one of the fixed values AWS documents),
// and the metric can report in the synthesized setup at all.

interface Entry {
  namespace: string;
  metric: string;
  documentedDimensionSets: string[][];
  dimensionSets: string[][];
  recommendedDimensionSet?: string[];
  requires?: string[];
  note?: string;
}
const entries = catalog.metrics as Entry[];
const entryFor = (namespace: string, metric: string) => entries.find((e) => e.namespace === namespace && e.metric === metric);

/** A metric as an alarm or widget reads it: where, which dimension names, and their values. */
interface MetricUse {
  readonly where: string;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** For a Metrics Insights query: the SCHEMA dimension set (values are only known for the WHERE keys). */
  readonly schema?: readonly string[];
}

/** Fixed dimension values AWS documents; everything else must be a reference. */
const FIXED_VALUES: Readonly<Record<string, readonly string[]>> = {
  Pipeline: ["0", "1"],
  Region: ["Global"],
  StatusCodeRange: ["2xx", "3xx", "4xx", "5xx"],
};
const isReference = (v: string) => /^\$\{[^}]+\}$/.test(v);

/** `SELECT FN(Metric) FROM SCHEMA("ns", A, B) WHERE A = 'x' AND B = 'y'` → its parts (fails on anything else). */
function parseInsights(expression: string, where: string): MetricUse {
  const m = /^SELECT (?:SUM|AVG|MAX|MIN)\((\w+)\) FROM SCHEMA\("([^"]+)", ([\w, ]+)\) WHERE (.+)$/.exec(expression);
  if (!m) throw new Error(`${where}: not a Metrics Insights query over one dimension set: ${expression}`);
  const dimensions: Record<string, string> = {};
  for (const clause of m[4].split(" AND ")) {
    const c = /^(\w+) = '([^']*)'$/.exec(clause);
    if (!c) throw new Error(`${where}: unexpected WHERE clause ${clause}`);
    dimensions[c[1]] = c[2];
  }
  return { where, namespace: m[2], metric: m[1], dimensions, schema: m[3].split(", ") };
}

function alarmUses(stack: StackJson, stackName: string): MetricUse[] {
  const uses: MetricUse[] = [];
  for (const a of Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]) {
    const where = `${stackName} alarm ${a.alarm_name}`;
    if (a.metric_name) uses.push({ where, namespace: a.namespace, metric: a.metric_name, dimensions: a.dimensions ?? {} });
    for (const q of a.metric_query ?? []) {
      if (q.metric) uses.push({ where: `${where} (${q.id})`, namespace: q.metric.namespace, metric: q.metric.metric_name, dimensions: q.metric.dimensions ?? {} });
      else if (/^SELECT /.test(q.expression)) uses.push(parseInsights(q.expression, `${where} (${q.id})`));
    }
  }
  return uses;
}

function widgetUses(stack: StackJson, stackName: string): MetricUse[] {
  const uses: MetricUse[] = [];
  for (const d of Object.values(resources(stack, "aws_cloudwatch_dashboard")) as any[]) {
    for (const w of JSON.parse(d.dashboard_body).widgets) {
      for (const line of w.properties.metrics ?? []) {
        const where = `${stackName} widget "${w.properties.title}"`;
        if (typeof line[0] === "object") {
          uses.push(parseInsights(line[0].expression, where));
          continue;
        }
        const [namespace, metric, ...rest] = line;
        const pairs = rest.filter((x: unknown) => typeof x === "string");
        const dimensions: Record<string, string> = {};
        for (let i = 0; i < pairs.length; i += 2) dimensions[pairs[i]] = pairs[i + 1];
        uses.push({ where, namespace, metric, dimensions });
      }
    }
  }
  return uses;
}

/**
 * What a setup can report, read from the synthesized stacks: the channel (failover, class, output
 * groups), the flows (protocols), the CloudFront additional-metrics subscription.
 */
class Setup {
  constructor(private readonly stacks: Record<string, StackJson>) {}

  /** Resolves a value through the CDN stack's remote state to the regional stack's expression. */
  resolve(stack: StackJson, value: string): { stack: StackJson; value: string } {
    const m = /^\$\{data\.terraform_remote_state\.([^.]+)\.outputs\.([^}]+)\}$/.exec(value);
    if (!m) return { stack, value };
    // cdktf names the remote state of a cross-stack reference after the stack it reads.
    const source = this.stacks[m[1].replace(/^cross-stack-reference-input-/, "")];
    if (!source) throw new Error(`no stack behind remote state ${m[1]}`);
    return { stack: source, value: source.output[m[2]].value };
  }

  /**
   * The channel an `${aws_medialive_channel.X.…}` value points at; or, with CMAF ingest, the
   * AWS::MediaLive::Channel in the template of the `${aws_cloudformation_stack.X.outputs[…]}` it
   * points at, in the provider's shape as far as these checks read it.
   */
  channel(stack: StackJson, value: string): any {
    const r = this.resolve(stack, value);
    const m = /^\$\{aws_medialive_channel\.([^.]+)\./.exec(r.value);
    if (m) return resources(r.stack, "aws_medialive_channel")[m[1]];
    const properties = cloudFormationChannel(r.stack, r.value)?.Properties;
    if (!properties) return undefined;
    return {
      channel_class: properties.ChannelClass,
      input_attachments: properties.InputAttachments.map((a: any) => ({
        automatic_input_failover_settings: a.AutomaticInputFailoverSettings && { input_preference: a.AutomaticInputFailoverSettings.InputPreference },
      })),
    };
  }

  flow(stack: StackJson, value: string): any {
    const r = this.resolve(stack, value);
    const m = /^\$\{awscc_mediaconnect_flow\.([^.]+)\.flow_arn\}$/.exec(r.value);
    return m ? resources(r.stack, "awscc_mediaconnect_flow")[m[1]] : undefined;
  }

  /** The output group an `OutputGroupName` value names, when it is a reference to the channel's group. */
  outputGroup(stack: StackJson, value: string): any {
    const r = this.resolve(stack, value);
    const m = /^\$\{aws_medialive_channel\.([^.]+)\.encoder_settings\[0\]\.output_groups\[(\d+)\]\.name\}$/.exec(r.value);
    if (m) return resources(r.stack, "aws_medialive_channel")[m[1]].encoder_settings.output_groups[Number(m[2])];
    // CMAF ingest: the stack output that names the group, and the group of that name in the template.
    const output = /^\$\{aws_cloudformation_stack\.([^.]+)\.outputs\["([^"]+)"\]\}$/.exec(r.value);
    if (!output) return undefined;
    const template = JSON.parse(resources(r.stack, "aws_cloudformation_stack")[output[1]].template_body);
    const name = template.Outputs[output[2]]?.Value;
    const group = template.Resources.Channel.Properties.EncoderSettings.OutputGroups.find((g: any) => g.Name === name);
    return group && { output_group_settings: { cmaf_ingest_group_settings: group.OutputGroupSettings.CmafIngestGroupSettings } };
  }

  /** Why `use` cannot report in this setup, or undefined when it can. */
  cannotReport(stack: StackJson, use: MetricUse, requirement: string): string | undefined {
    const d = use.dimensions;
    const channel = d.ChannelId ? this.channel(stack, d.ChannelId) : undefined;
    const failover = channel?.input_attachments?.find((a: any) => a.automatic_input_failover_settings)?.automatic_input_failover_settings;
    switch (requirement) {
      case "mediaconnectFlow":
        return d.FlowARN && this.flow(stack, d.FlowARN) ? undefined : `FlowARN ${d.FlowARN} is not a MediaConnect flow of this app`;
      case "connectionProtocol": {
        const protocol = this.flow(stack, d.FlowARN)?.source?.protocol;
        return ["srt-listener", "zixi-push"].includes(protocol) ? undefined : `the flow's protocol ${protocol} has no connection state (Zixi and SRT only)`;
      }
      case "udpInput": {
        const inputs = Object.values(resources(this.resolve(stack, d.ChannelId).stack, "aws_medialive_input")) as any[];
        return inputs.every((i) => ["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH"].includes(i.type)) ? undefined : `inputs of type ${inputs.map((i) => i.type).join(", ")} do not report it`;
      }
      case "automaticInputFailover":
        return failover ? undefined : "the channel has no automatic input failover";
      case "primaryInputPreferred":
        return failover?.input_preference === "PRIMARY_INPUT_PREFERRED" ? undefined : `the input preference is ${failover?.input_preference}`;
      case "httpOutputGroup": {
        const group = this.outputGroup(stack, d.OutputGroupName);
        // HLS with basic PUT, or CMAF Ingest (HTTP to MediaPackage v2).
        return group?.output_group_settings?.hls_group_settings?.hls_cdn_settings?.[0]?.hls_basic_put_settings || group?.output_group_settings?.cmaf_ingest_group_settings
          ? undefined
          : `OutputGroupName ${d.OutputGroupName} is not the channel's HTTP push group`;
      }
      case "cmafIngestGroup":
        // MediaLive scores (MQCS) only the outputs of a CMAF Ingest group.
        return this.outputGroup(stack, d.OutputGroupName)?.output_group_settings?.cmaf_ingest_group_settings
          ? undefined
          : `OutputGroupName ${d.OutputGroupName} is not a CMAF Ingest group (MediaLive scores nothing else)`;
      case "cloudfrontAdditionalMetrics": {
        const subscribed = (Object.values(resources(stack, "aws_cloudfront_monitoring_subscription")) as any[]).some(
          (s) => s.distribution_id === d.DistributionId && s.monitoring_subscription?.realtime_metrics_subscription_config?.realtime_metrics_subscription_status === "Enabled",
        );
        return subscribed ? undefined : "the distribution has no additional metrics subscription";
      }
    }
    return `unknown requirement ${requirement}`;
  }
}

/** The AWS::MediaLive::Channel of the CloudFormation stack a `${aws_cloudformation_stack.X.outputs[…]}` value reads. */
function cloudFormationChannel(stack: StackJson, value: string): any {
  const m = /^\$\{aws_cloudformation_stack\.([^.]+)\.outputs\[/.exec(value);
  const body = m ? resources(stack, "aws_cloudformation_stack")[m[1]]?.template_body : undefined;
  return body ? JSON.parse(body).Resources.Channel : undefined;
}

/** Every way `use` breaks the catalog, one line each. */
function violations(setup: Setup, stack: StackJson, use: MetricUse): string[] {
  const out: string[] = [];
  const entry = entryFor(use.namespace, use.metric);
  if (!entry) return [`${use.where}: ${use.namespace} ${use.metric} is not in the catalog`];
  const names = [...(use.schema ?? Object.keys(use.dimensions))].sort();
  if (!entry.dimensionSets.some((set) => set.join() === names.join())) {
    out.push(`${use.where}: ${use.metric} by {${names.join(", ")}} is not a documented dimension set (${entry.dimensionSets.map((s) => `{${s.join(", ")}}`).join(" or ")})`);
  }
  for (const [name, value] of Object.entries(use.dimensions)) {
    if (!isReference(value) && !(FIXED_VALUES[name] ?? []).includes(value)) out.push(`${use.where}: ${name} is the literal ${JSON.stringify(value)}, not a reference`);
  }
  if (use.dimensions.Pipeline === "1" && use.dimensions.ChannelId && setup.channel(stack, use.dimensions.ChannelId)?.channel_class !== "STANDARD") {
    out.push(`${use.where}: pipeline 1 of a single-pipeline channel never reports`);
  }
  if (entry.recommendedDimensionSet && use.dimensions.ChannelId) {
    const failover = setup.cannotReport(stack, use, "automaticInputFailover") === undefined;
    const recommended = entry.recommendedDimensionSet.join() === names.join();
    if (failover && !recommended) out.push(`${use.where}: the channel fails over automatically, so AWS recommends {${entry.recommendedDimensionSet.join(", ")}}`);
    if (!failover && recommended) out.push(`${use.where}: {${names.join(", ")}} reports nothing without automatic input failover`);
  }
  for (const requirement of entry.requires ?? []) {
    const why = setup.cannotReport(stack, use, requirement);
    if (why) out.push(`${use.where}: ${use.metric} cannot report here: ${why}`);
  }
  return out;
}

describe("the metric catalog", () => {
  test("matches its schema", () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(catalog) ? [] : validate.errors).toEqual([]);
  });

  test("has one entry per metric, dimension sets sorted, and a note wherever we depart from AWS's page", () => {
    const keys = entries.map((e) => `${e.namespace} ${e.metric}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    for (const e of entries) {
      for (const set of [...e.dimensionSets, ...e.documentedDimensionSets, ...(e.recommendedDimensionSet ? [e.recommendedDimensionSet] : [])]) expect(set).toEqual([...set].sort());
      const departs = JSON.stringify(e.dimensionSets) !== JSON.stringify(e.documentedDimensionSets);
      if (departs) expect({ metric: e.metric, note: typeof e.note }).toEqual({ metric: e.metric, note: "string" });
      if (e.recommendedDimensionSet) expect(e.dimensionSets.map((s) => s.join())).toContain(e.recommendedDimensionSet.join());
    }
  });
});

/**
 * The variant no shipped configuration turns on: CloudFront's additional metrics (billed), with
 * the origin-latency alarm and widget. Only CdnMonitoring reads them, so it is synthesized on its
 * own (no whole-app synthesis), with the distribution id as the CDN stack passes it: a reference.
 */
const ADDITIONAL_METRICS = "CdnMonitoring with alarms.cdnAdditionalMetrics";
function synthVariant(): Record<string, StackJson> {
  const json = Testing.synthScope((scope) => {
    new CdnMonitoring(scope, "Monitoring", {
      naming: new Naming("ev", GLOBAL_SCOPE),
      region: "us-east-1",
      account: { accountId: "${data.aws_caller_identity.current.account_id}", partition: "${data.aws_partition.current.partition}" },
      distribution: { id: "${aws_cloudfront_distribution.cdn.id}", domainName: "${aws_cloudfront_distribution.cdn.domain_name}" },
      alarms: { cdnAdditionalMetrics: true },
    });
  });
  return { cdn: JSON.parse(json) };
}

/** Each configuration synthesized once for this file (shipped ones come from the run's synthesis cache). */
const synthesized = new Map<string, Record<string, StackJson>>();
const synthOf = (file: string) => synthesized.get(file) ?? synthesized.set(file, file === ADDITIONAL_METRICS ? synthVariant() : synthApp(load(file))).get(file)!;
const configurations = [...shippedConfigs(), ADDITIONAL_METRICS];

describe.each(configurations)("%s: every alarm and widget reads a documented metric", (file) => {
  const stacks = synthOf(file);
  const setup = new Setup(stacks);
  const uses = Object.entries(stacks).flatMap(([name, stack]) => [...alarmUses(stack, name), ...widgetUses(stack, name)].map((use) => ({ use, stack })));

  test("zero violations", () => {
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.flatMap(({ use, stack }) => violations(setup, stack, use))).toEqual([]);
  });
});

describe("every catalog entry is used (no stale entries)", () => {
  test("each namespace and metric appears in an alarm or widget of a shipped configuration or the additional-metrics variant", () => {
    const used = new Set<string>();
    for (const file of configurations) {
      for (const [name, stack] of Object.entries(synthOf(file))) {
        for (const use of [...alarmUses(stack, name), ...widgetUses(stack, name)]) used.add(`${use.namespace} ${use.metric}`);
      }
    }
    expect(entries.map((e) => `${e.namespace} ${e.metric}`).filter((k) => !used.has(k))).toEqual([]);
  });
});

describe("the check itself finds what the review found", () => {
  const stacks = synthOf("config/default.json");
  const setup = new Setup(stacks);
  const regional = stacks["demo-live-eu-west-1"];
  const pushDimensions = (Object.values(resources(regional, "aws_cloudwatch_metric_alarm")) as any[]).find((a) => a.metric_name === "Output4xxErrors").dimensions;
  const channelId = pushDimensions.ChannelId;
  const hlsGroup = pushDimensions.OutputGroupName;
  const use = (metric: string, dimensions: Record<string, string>): MetricUse => ({ where: "test", namespace: "AWS/MediaLive", metric, dimensions });

  test.each([
    ["Output4xxErrors without OutputGroupName", use("Output4xxErrors", { ChannelId: channelId, Pipeline: "0" }), "test: Output4xxErrors by {ChannelId, Pipeline} is not a documented dimension set ({ChannelId, OutputGroupName, Pipeline})"],
    ["a literal output group name", use("Output5xxErrors", { ChannelId: channelId, OutputGroupName: "mediapackage", Pipeline: "1" }), 'test: OutputGroupName is the literal "mediapackage", not a reference'],
    ["input loss of both inputs on a failover channel", use("InputLossSeconds", { ChannelId: channelId, Pipeline: "0" }), "test: the channel fails over automatically, so AWS recommends {ActiveInputFailoverLabel, ChannelId, Pipeline}"],
    [
      "the quality score of an HLS channel",
      use("MinMQCS", { ChannelId: channelId, OutputGroupName: hlsGroup, Pipeline: "0" }),
      `test: MinMQCS cannot report here: OutputGroupName ${hlsGroup} is not a CMAF Ingest group (MediaLive scores nothing else)`,
    ],
    ["a metric that is not in the catalog", use("SvqTime", { ChannelId: channelId, Pipeline: "0" }), "test: AWS/MediaLive SvqTime is not in the catalog"],
  ])("%s", (_what, bad, message) => {
    expect(violations(setup, regional, bad)).toContain(message);
  });
});
