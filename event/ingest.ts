// Is MediaPackage receiving the encoder's output, per pipeline? MediaPackage v2 lists a channel's
// ingest endpoints (one per pipeline: ids 1 and 2, "The prefixes are always -1 and -2",
// https://docs.aws.amazon.com/medialive/latest/ug/hls-destinations-emp-info-v2.html); CloudWatch's
// AWS/MediaPackage IngressBytes (published every minute) shows whether bytes arrive at each.
// GetChannel: https://docs.aws.amazon.com/mediapackage/latest/apireference/API_GetChannel.html
// Metrics: https://docs.aws.amazon.com/mediapackage/latest/userguide/monitoring-cloudwatch-metrics.html
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetChannelCommand, ListChannelsCommand } from "@aws-sdk/client-mediapackagev2";
import { call, Clients } from "./aws";
import type { Runtime } from "./runtime";

export interface IngestEndpointState {
  readonly channel: string;
  readonly endpoint: string;
  readonly receiving: boolean;
  /** Bytes received over the look-back window. */
  readonly bytes: number;
}

/** How far back to look: MediaPackage publishes once a minute, so a few minutes bridge the delay. */
export const INGEST_LOOKBACK_MS = 3 * 60 * 1000;

export async function ingestState(rt: Runtime, clients: Clients, region: string, channelGroup: string): Promise<IngestEndpointState[]> {
  const listed = await call(rt, { service: "mediapackagev2", action: "ListChannels", region, resource: `channel group ${channelGroup}` }, () =>
    clients.mediapackage(region).send(new ListChannelsCommand({ ChannelGroupName: channelGroup })),
  );
  const endpoints: { channel: string; endpoint: string }[] = [];
  for (const c of listed.Items ?? []) {
    const name = c.ChannelName ?? "";
    const got = await call(rt, { service: "mediapackagev2", action: "GetChannel", region, resource: `channel ${channelGroup}/${name}` }, () =>
      clients.mediapackage(region).send(new GetChannelCommand({ ChannelGroupName: channelGroup, ChannelName: name })),
    );
    for (const e of got.IngestEndpoints ?? []) endpoints.push({ channel: name, endpoint: e.Id ?? "?" });
  }
  if (endpoints.length === 0) return [];
  const end = new Date(rt.now());
  const start = new Date(rt.now() - INGEST_LOOKBACK_MS);
  const data = await call(rt, { service: "cloudwatch", action: "GetMetricData", region, resource: `AWS/MediaPackage IngressBytes of ${channelGroup}` }, () =>
    clients.cloudwatch(region).send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: endpoints.map((e, i) => ({
          Id: `ingest${i}`,
          MetricStat: {
            Metric: {
              Namespace: "AWS/MediaPackage",
              MetricName: "IngressBytes",
              Dimensions: [
                { Name: "ChannelGroup", Value: channelGroup },
                { Name: "Channel", Value: e.channel },
                { Name: "IngestEndpoint", Value: e.endpoint },
              ],
            },
            Period: 60,
            Stat: "Sum",
          },
        })),
      }),
    ),
  );
  return endpoints.map((e, i) => {
    const values = data.MetricDataResults?.find((r) => r.Id === `ingest${i}`)?.Values ?? [];
    const bytes = values.reduce((a, b) => a + b, 0);
    return { ...e, bytes, receiving: bytes > 0 };
  });
}
