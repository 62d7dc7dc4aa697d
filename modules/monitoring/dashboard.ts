import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CLOUDFRONT_REGION } from "../delivery/region";
import { Naming } from "../naming";
import { insightsQuery } from "./alarm";
import {
  CONNECTION_PROTOCOLS,
  MonitoredChannel,
  MonitoredFailover,
  MonitoredFlow,
  MonitoredIngest,
  MonitoredInputType,
  MonitoredPackager,
  NAMESPACES,
  UDP_INPUT_TYPES,
  inputMetric,
} from "./pipeline";

/** One region's pipeline, as the dashboard shows it. */
export interface DashboardRegion {
  readonly region: string;
  /**
   * The region's MediaConnect flows.
   * @default [] - no MediaConnect widgets
   */
  readonly flows?: readonly MonitoredFlow[];
  readonly channel: MonitoredChannel;
  /**
   * 2 for a STANDARD channel, 1 for SINGLE_PIPELINE.
   * @default 2
   */
  readonly pipelines?: 1 | 2;
  /** The input type: which input metrics can report at all. */
  readonly contributionType: MonitoredInputType;
  /** The name of the channel's output group that pushes to MediaPackage (a reference to the channel). */
  readonly outputGroupName: string;
  /**
   * How the channel pushes to MediaPackage; with CMAF ingest the quality score (MinMQCS) is charted.
   * @default "HLS"
   */
  readonly ingest?: MonitoredIngest;
  /**
   * The channel's automatic input failover.
   * @default - none
   */
  readonly automaticInputFailover?: MonitoredFailover;
  readonly packager: MonitoredPackager;
}

export interface EventDashboardProps {
  /** Names in the global scope (`<event>-global-dashboard`). */
  readonly naming: Naming;
  /**
   * Every regional pipeline, primary first.
   * @default [] - the CDN widgets only
   */
  readonly regions?: readonly DashboardRegion[];
  /** The CloudFront distribution's id. */
  readonly distributionId: string;
  /**
   * The region CloudFront's metrics live in.
   * @default "us-east-1" (CLOUDFRONT_METRICS_REGION)
   */
  readonly cdnRegion?: string;
  /**
   * Whether CloudFront's additional metrics (origin latency) are turned on.
   * @default false
   */
  readonly cdnAdditionalMetrics?: boolean;
}

/**
 * One line of a metric widget: namespace, metric, dimension pairs, then rendering options; or a
 * one-element line holding a Metrics Insights expression and its options.
 */
type MetricLine = (string | Record<string, string | number>)[];

interface Widget {
  readonly type: "metric" | "text";
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const PERIOD = 60;
const GRID = 24;

/**
 * One dashboard per event, for the whole chain in every region: input health (MediaConnect and
 * MediaLive input), pipeline health (MediaLive), packaging ingress and egress (MediaPackage), and
 * the CDN (CloudFront). A dashboard is global; each widget names the region its metrics live in.
 */
export class EventDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: EventDashboardProps) {
    super(scope, id);
    const regions = props.regions ?? [];
    const cdnRegion = props.cdnRegion ?? CLOUDFRONT_REGION;
    const widgets: Widget[] = [];
    const text = (markdown: string) => widgets.push({ type: "text", width: GRID, height: 1, properties: { markdown } });
    const graph = (region: string, title: string, stat: string, metrics: MetricLine[]) =>
      widgets.push({ type: "metric", width: 8, height: 6, properties: { title, region, view: "timeSeries", stacked: false, period: PERIOD, stat, metrics } });

    for (const [index, r] of regions.entries()) {
      const flows = r.flows ?? [];
      const pipelines = Array.from({ length: r.pipelines ?? 2 }, (_, p) => String(p));
      const live = (metricName: string, options: Record<string, string> = {}): MetricLine[] =>
        pipelines.map((p) => [NAMESPACES.medialive, metricName, "ChannelId", r.channel.channelId, "Pipeline", p, { label: `${metricName} pipeline ${p}`, ...options }]);
      const output = (metricName: string): MetricLine[] =>
        pipelines.map((p) => [
          NAMESPACES.medialive,
          metricName,
          "ChannelId",
          r.channel.channelId,
          "OutputGroupName",
          r.outputGroupName,
          "Pipeline",
          p,
          { label: `${metricName} pipeline ${p}` },
        ]);
      // Input metrics the way the alarms read them: the active input only, with automatic failover.
      const input = (metricName: string, statistic: "Average" | "Sum", options: Record<string, string> = {}): MetricLine[] =>
        pipelines.map((p, i) => {
          const label = `${metricName} pipeline ${p}`;
          const read = inputMetric(r.channel.channelId, Number(p), metricName, statistic, r.automaticInputFailover);
          if ("insights" in read) return [{ expression: insightsQuery(read.insights), label, id: `r${index}_${metricName.toLowerCase()}_${i}`, ...options }];
          return [NAMESPACES.medialive, metricName, ...Object.entries(read.metric.dimensions).flat(), { label, stat: statistic, ...options }];
        });
      const failoverMetrics = r.automaticInputFailover?.preference === "PRIMARY_INPUT_PREFERRED";
      text(`## ${props.naming.event} in ${r.region}`);

      // Input health.
      if (flows.length > 0) {
        graph(
          r.region,
          "Input: MediaConnect source bitrate (b/s)",
          "Maximum",
          flows.map((f) => [NAMESPACES.mediaconnect, "SourceBitRate", "FlowARN", f.flow.flowArn, { label: `flow ${f.key}` }]),
        );
        const connected = flows.filter((f) => CONNECTION_PROTOCOLS.includes(f.flow.source.protocolInput ?? ""));
        if (connected.length > 0) {
          graph(
            r.region,
            "Input: MediaConnect source connected (1 = yes)",
            "Minimum",
            connected.map((f) => [NAMESPACES.mediaconnect, "SourceConnected", "FlowARN", f.flow.flowArn, { label: `flow ${f.key}` }]),
          );
        }
      }
      const udp = UDP_INPUT_TYPES.includes(r.contributionType);
      graph(r.region, udp ? "Input: MediaLive input loss (s) and input frame rate" : "Input: MediaLive input frame rate", "Sum", [
        ...(udp ? input("InputLossSeconds", "Sum") : []),
        ...input("InputVideoFrameRate", "Average", { yAxis: "right" }),
      ]);

      // Pipeline health.
      graph(
        r.region,
        failoverMetrics ? "Pipeline: active alerts, primary input active (1 = yes)" : "Pipeline: active alerts",
        "Maximum",
        [...live("ActiveAlerts"), ...(failoverMetrics ? live("PrimaryInputActive") : [])],
      );
      graph(r.region, "Pipeline: dropped frames, output 4xx/5xx to MediaPackage", "Sum", [
        ...live("DroppedFrames"),
        ...output("Output4xxErrors"),
        ...output("Output5xxErrors"),
      ]);
      // CMAF ingest only: MediaLive scores only CMAF Ingest outputs (metrics.json, MinMQCS).
      if (r.ingest === "CMAF") graph(r.region, "Pipeline: media quality score MinMQCS (100 = best)", "Minimum", output("MinMQCS"));

      // Packaging ingress and egress.
      const group = r.packager.channelGroup.name;
      const channel = r.packager.channel.channelName;
      const endpointDimensions = (ep: MonitoredPackager["endpoints"][number]) => ["ChannelGroup", group, "Channel", channel, "OriginEndpoint", ep.endpoint.originEndpointName];
      graph(r.region, "Packaging ingress: requests and bytes from MediaLive", "Sum", [
        [NAMESPACES.mediapackage, "IngressRequestCount", "ChannelGroup", group, "Channel", channel, { label: "ingress requests" }],
        [NAMESPACES.mediapackage, "IngressBytes", "ChannelGroup", group, "Channel", channel, { label: "ingress bytes", yAxis: "right" }],
      ]);
      graph(
        r.region,
        "Packaging egress: requests by status",
        "Sum",
        r.packager.endpoints.flatMap((ep) =>
          ["2xx", "4xx", "5xx"].map((range): MetricLine => [
            NAMESPACES.mediapackage,
            "EgressRequestCount",
            ...endpointDimensions(ep),
            "StatusCodeRange",
            range,
            { label: `${ep.name} ${range}` },
          ]),
        ),
      );
      graph(
        r.region,
        "Packaging egress: response time (ms)",
        "Average",
        r.packager.endpoints.map((ep): MetricLine => [NAMESPACES.mediapackage, "EgressResponseTime", ...endpointDimensions(ep), { label: ep.name }]),
      );
    }

    // The CDN: its metrics live in us-east-1, with the pseudo-region "Global".
    const cdn = (metricName: string, options: Record<string, string> = {}): MetricLine => [
      NAMESPACES.cloudfront,
      metricName,
      "DistributionId",
      props.distributionId,
      "Region",
      "Global",
      { label: metricName, ...options },
    ];
    text(`## ${props.naming.event}: CDN (CloudFront)`);
    graph(cdnRegion, "CDN: requests", "Sum", [cdn("Requests")]);
    graph(cdnRegion, "CDN: error rates (%)", "Average", [cdn("5xxErrorRate"), cdn("4xxErrorRate"), cdn("TotalErrorRate")]);
    if (props.cdnAdditionalMetrics) graph(cdnRegion, "CDN: origin latency (ms)", "Average", [cdn("OriginLatency")]);

    this.dashboard = new CloudwatchDashboard(this, "Resource", {
      dashboardName: props.naming.name("dashboard", 255),
      dashboardBody: JSON.stringify({ widgets: layout(widgets) }),
    });
  }
}

/** Places widgets left to right, top to bottom, on CloudWatch's 24-column grid. */
function layout(widgets: readonly Widget[]): (Widget & { x: number; y: number })[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((w) => {
    if (x + w.width > GRID) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...w, x, y };
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
    return placed;
  });
}
