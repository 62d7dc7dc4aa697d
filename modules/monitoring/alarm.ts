import { Construct } from "constructs";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Naming } from "../naming";
import type { AlarmSettings } from "./families";

export type Comparison = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** One CloudWatch metric: where it lives, which series, and how a period is summarized. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum" | "SampleCount";
}

/** A metric-math condition: `expression` over the named metrics, evaluated as one series. */
export interface MathSpec {
  readonly expression: string;
  readonly label: string;
  /** Metrics by query id (lowercase letter first, then letters, digits, underscores). */
  readonly metrics: Readonly<Record<string, MetricSpec>>;
}

/**
 * A Metrics Insights query over exactly one dimension set (SCHEMA matches metrics with exactly
 * these dimensions, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-querylanguage.html),
 * filtered by the dimensions whose values we know. Used where AWS recommends a dimension whose
 * values it does not document (ActiveInputFailoverLabel): the query selects the set without
 * naming a value, and aggregates the one series the set has per filter.
 */
export interface InsightsSpec {
  readonly namespace: string;
  readonly metricName: string;
  /** The complete dimension set, as documented. */
  readonly schema: readonly string[];
  /** Dimension values to filter by (references to resources, or fixed values such as a pipeline number). */
  readonly where: Readonly<Record<string, string>>;
  readonly aggregate: "SUM" | "AVG" | "MAX" | "MIN";
}

/** The query text of a Metrics Insights spec (values are resource references or fixed literals, never user text). */
export function insightsQuery(q: InsightsSpec): string {
  const where = Object.entries(q.where)
    .map(([k, v]) => `${k} = '${v}'`)
    .join(" AND ");
  return `SELECT ${q.aggregate}(${q.metricName}) FROM SCHEMA("${q.namespace}", ${q.schema.join(", ")}) WHERE ${where}`;
}

export interface AlarmSpec {
  /** Construct id (a Terraform address: keep it stable). */
  readonly id: string;
  /** The alarm name after the naming prefix, e.g. `medialive-pipeline-0-input-loss`. */
  readonly component: string;
  /** What broke, where, what viewers see, what to check: read by someone woken at 3 a.m. */
  readonly description: string;
  readonly settings: AlarmSettings;
  readonly comparison: Comparison;
  /** Exactly one of metric, math and insights. */
  readonly metric?: MetricSpec;
  readonly math?: MathSpec;
  readonly insights?: InsightsSpec;
}

/** CloudWatch's limits on alarm names and descriptions: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html */
const NAME_LIMIT = 255;
const DESCRIPTION_LIMIT = 1024;

/**
 * One alarm that notifies `topicArn` when it fires and when it clears.
 *
 * Missing data is always "not breaching". MediaConnect and MediaLive publish nothing while a flow
 * or channel is stopped, MediaPackage and CloudFront nothing while nobody pushes or plays: between
 * events every metric here is silent, and that silence must not page anyone. The opposite case, a
 * running pipeline that stops reporting, is not left to missing-data handling (which cannot tell
 * "stopped on purpose" from "died"): dedicated metric-math alarms (pipelineSilent, ingressStopped)
 * compare the silent series with one that proves the event is live, and are themselves not
 * breaching when both are silent. INSUFFICIENT_DATA therefore only occurs before the first
 * datapoint ever, so it has no action.
 *
 * Why the silence alarms can work at all: for a math alarm "the data point is considered missing
 * if the math expression doesn't return a value for that data point"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-data-queries.html), so
 * without FILL an absent heartbeat would make the whole expression missing, i.e. not breaching,
 * and a dead pipeline would never page. FILL(series, 0) gives the absent series a value in every
 * period of the evaluated range (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html,
 * function FILL), and the IF(...) > 0 condition on the live evidence keeps the result at 0 between
 * events. The price is the newest period: a heartbeat that arrives after the evaluation is read
 * as 0 once, which is why the loader requires at least two evaluation periods for these families.
 */
export function createAlarm(scope: Construct, naming: Naming, topicArn: string, spec: AlarmSpec): CloudwatchMetricAlarm {
  if (spec.description.length > DESCRIPTION_LIMIT) throw new Error(`alarm ${spec.component}: description is ${spec.description.length} characters, over CloudWatch's ${DESCRIPTION_LIMIT}`);
  const { settings } = spec;
  const common = {
    alarmName: naming.name(spec.component, NAME_LIMIT),
    alarmDescription: spec.description,
    comparisonOperator: spec.comparison,
    threshold: settings.threshold,
    evaluationPeriods: settings.evaluationPeriods,
    treatMissingData: "notBreaching",
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
  if (spec.metric) {
    return new CloudwatchMetricAlarm(scope, spec.id, {
      ...common,
      namespace: spec.metric.namespace,
      metricName: spec.metric.metricName,
      dimensions: { ...spec.metric.dimensions },
      statistic: spec.metric.statistic,
      period: settings.periodSeconds,
    });
  }
  if (spec.insights) {
    return new CloudwatchMetricAlarm(scope, spec.id, {
      ...common,
      metricQuery: [{ id: "query", expression: insightsQuery(spec.insights), label: spec.component, period: settings.periodSeconds, returnData: true }],
    });
  }
  const math = spec.math!;
  const queries: CloudwatchMetricAlarmMetricQuery[] = [
    { id: "condition", expression: math.expression, label: math.label, returnData: true },
    ...Object.entries(math.metrics).map(([id, m]) => ({
      id,
      returnData: false,
      metric: { namespace: m.namespace, metricName: m.metricName, dimensions: { ...m.dimensions }, stat: m.statistic, period: settings.periodSeconds },
    })),
  ];
  return new CloudwatchMetricAlarm(scope, spec.id, { ...common, metricQuery: queries });
}
