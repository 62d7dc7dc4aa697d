import { Construct } from "constructs";
import { CloudfrontMonitoringSubscription } from "@cdktf/provider-aws/lib/cloudfront-monitoring-subscription";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CLOUDFRONT_REGION } from "../delivery/region";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import { AlarmSpec, MetricSpec, createAlarm } from "./alarm";
import { DashboardRegion, EventDashboard } from "./dashboard";
import { AlarmFamily, AlarmsProps, alarmsPropsProblems, refuse, resolveAlarms, settingsFor } from "./families";
import { NAMESPACES } from "./pipeline";
import { AlarmTopic } from "./topic";

export interface CdnMonitoringProps {
  /** Names in the global scope (`<event>-global-...`). */
  readonly naming: Naming;
  /**
   * The region this stack deploys to. It must be us-east-1: CloudFront publishes its metrics
   * there, and an alarm can only watch metrics of its own region.
   */
  readonly region: string;
  /**
   * Who is notified, whether CloudFront's additional metrics are on, and the overrides of the
   * alarm families' defaults.
   * @default - no subscribers, no additional metrics, every family enabled with its default settings
   */
  readonly alarms?: AlarmsProps;
  /** The distribution whose metrics the alarms read (a CloudfrontDistribution fits). */
  readonly distribution: { readonly id: string; readonly domainName: string };
  /** The stack's account and partition (for the alarm topic's policies). */
  readonly account: AccountContext;
  /**
   * Every regional pipeline, primary first, for the event's dashboard.
   * @default [] - the dashboard shows the CDN only
   */
  readonly regions?: readonly DashboardRegion[];
}

/** The only region CloudFront publishes metrics to. */
export const CLOUDFRONT_METRICS_REGION = CLOUDFRONT_REGION;

/**
 * CloudFront's alarms and their topic (in us-east-1, where CloudFront's metrics are), CloudFront's
 * additional metrics when configured, and the event's dashboard. The dashboard lives here rather
 * than in the regional stacks because only this stack sees every region and the distribution:
 * a regional stack cannot reference the distribution without a cycle (the CDN stack reads the
 * regional stacks), and one dashboard for the whole chain is what an on-call engineer opens.
 */
export class CdnMonitoring extends Construct {
  public readonly topic: AlarmTopic;
  public readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  public readonly additionalMetrics?: CloudfrontMonitoringSubscription;
  public readonly dashboard: EventDashboard;

  constructor(scope: Construct, id: string, props: CdnMonitoringProps) {
    super(scope, id);
    const { naming, distribution } = props;
    const alarms = resolveAlarms(props.alarms);
    refuse([
      ...(props.region !== CLOUDFRONT_METRICS_REGION
        ? [`CdnMonitoring: CloudFront alarms must be created in ${CLOUDFRONT_METRICS_REGION}, where CloudFront publishes its metrics (got ${props.region})`]
        : []),
      ...alarmsPropsProblems("CdnMonitoring", alarms),
    ]);
    this.topic = new AlarmTopic(this, "Topic", { naming, region: props.region, account: props.account, notifications: alarms.notifications });

    if (alarms.cdnAdditionalMetrics) {
      this.additionalMetrics = new CloudfrontMonitoringSubscription(this, "AdditionalMetrics", {
        distributionId: distribution.id,
        monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: "Enabled" } },
      });
    }

    const metric = (metricName: string): MetricSpec => ({
      namespace: NAMESPACES.cloudfront,
      metricName,
      dimensions: { DistributionId: distribution.id, Region: "Global" },
      statistic: "Average",
    });
    const where = `distribution ${distribution.id} (${distribution.domainName})`;
    const specs: AlarmSpec[] = [];
    const add = (family: AlarmFamily, spec: Omit<AlarmSpec, "settings">) => {
      const settings = settingsFor(alarms, family);
      if (settings.enabled) specs.push({ ...spec, description: `[${naming.event} | global | CloudFront] ${spec.description}`, settings });
    };
    const s = (family: AlarmFamily) => settingsFor(alarms, family);
    const over = (family: AlarmFamily) => `(average over ${s(family).periodSeconds} s, ${s(family).evaluationPeriods} periods in a row)`;
    add("cdn5xxErrorRate", {
      id: "Cdn5xxErrorRate",
      component: "cloudfront-5xx-error-rate",
      description: `More than ${s("cdn5xxErrorRate").threshold}% of viewer requests to ${where} end in a 5xx error ${over("cdn5xxErrorRate")}: viewers cannot play. Check the MediaPackage egress alarms of every region (the origins).`,
      comparison: "GreaterThanThreshold",
      metric: metric("5xxErrorRate"),
    });
    add("cdnTotalErrorRate", {
      id: "CdnTotalErrorRate",
      component: "cloudfront-total-error-rate",
      description: `More than ${s("cdnTotalErrorRate").threshold}% of viewer requests to ${where} end in a 4xx or 5xx error ${over("cdnTotalErrorRate")}. Many 404s mean stale manifests (a pipeline stopped pushing: see the MediaLive and MediaPackage alarms) or wrong playback URLs.`,
      comparison: "GreaterThanThreshold",
      metric: metric("TotalErrorRate"),
    });
    // OriginLatency exists only with additional metrics; without them the alarm would never see data.
    if (alarms.cdnAdditionalMetrics) {
      add("cdnOriginLatency", {
        id: "CdnOriginLatency",
        component: "cloudfront-origin-latency",
        description: `The origins of ${where} take more than ${s("cdnOriginLatency").threshold} ms to answer ${over("cdnOriginLatency")}. Players may rebuffer on cache misses: check the MediaPackage egress response-time alarms.`,
        comparison: "GreaterThanThreshold",
        metric: metric("OriginLatency"),
      });
    }
    this.alarms = Object.fromEntries(specs.map((spec) => [spec.id, createAlarm(this, naming, this.topic.topic.arn, spec)]));

    this.dashboard = new EventDashboard(this, "Dashboard", {
      naming,
      regions: props.regions ?? [],
      distributionId: distribution.id,
      cdnRegion: props.region,
      cdnAdditionalMetrics: alarms.cdnAdditionalMetrics,
    });
  }
}
