// Monitoring: alarms on every layer of the pipeline, the encrypted topics they notify, and the
// event's dashboard. PipelineMonitoring goes into each regional stack, CdnMonitoring into the CDN
// stack in us-east-1 (where CloudFront's metrics are).
export { createAlarm, insightsQuery } from "./alarm";
export type { AlarmSpec, Comparison, InsightsSpec, MathSpec, MetricSpec } from "./alarm";
export { CLOUDFRONT_METRICS_REGION, CdnMonitoring } from "./cdn";
export type { CdnMonitoringProps } from "./cdn";
export { EventDashboard } from "./dashboard";
export type { DashboardRegion, EventDashboardProps } from "./dashboard";
export { ALARM_FAMILIES, FAMILY_DEFAULTS, alarmsProblems, alarmsPropsProblems, defaultMinimumFrameRate, resolveAlarms, settingsFor } from "./families";
export type { AlarmFamily, AlarmFamilyInfo, AlarmFamilyOverride, AlarmNotification, AlarmSettings, AlarmsProblem, AlarmsProps, NotificationProtocol, ResolvedAlarms } from "./families";
export { CONNECTION_PROTOCOLS, NAMESPACES, PipelineMonitoring, UDP_INPUT_TYPES, inputMetric } from "./pipeline";
export type { MonitoredChannel, MonitoredFailover, MonitoredFlow, MonitoredIngest, MonitoredInputType, MonitoredPackager, PipelineMonitoringProps } from "./pipeline";
export { AlarmTopic, KEY_ADMIN_ACTIONS, KEY_PUBLISH_ACTIONS } from "./topic";
export type { AlarmTopicProps } from "./topic";
