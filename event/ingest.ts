// Is MediaPackage receiving the encoder's output, per pipeline? MediaPackage v2 lists a channel's
// ingest endpoints (one per pipeline: "The prefixes are always -1 and -2",
// https://docs.aws.amazon.com/medialive/latest/ug/hls-destinations-emp-info-v2.html; the Id/Url
// pairs: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-mediapackagev2-channel-ingestendpoint.html).
// CloudWatch's AWS/MediaPackage IngressBytes shows whether bytes arrive. Two series are asked for at
// once: per channel (ChannelGroup, Channel: the series the event dashboard plots) and per ingest
// endpoint (ChannelGroup, Channel, IngestEndpoint). What the documentation says, and does not:
// - https://docs.aws.amazon.com/mediapackage/latest/ug/metrics.html is the MediaPackage v1 (live)
//   page: metrics "published every minute, if not sooner"; IngestEndpoint is a dimension there only
//   in combination with OriginEndpoint, for ActiveInput.
// - The v2 guide's CloudWatch page (https://docs.aws.amazon.com/mediapackage/latest/userguide/monitoring-cloudwatch.html)
//   could not be read offline, so no source confirms an IngestEndpoint dimension for v2 IngressBytes.
// So the per-endpoint series is a best effort: when CloudWatch has no such series, the channel total
// stands for every pipeline, and `status` and `start` say so ("channel total: no per-pipeline
// figures"): then one silent pipeline of two cannot be told from CloudWatch alone.
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

export interface IngestState {
  readonly endpoints: readonly IngestEndpointState[];
  /** False when CloudWatch had figures per channel only: then `endpoints` all carry the channel's. */
  readonly perPipeline: boolean;
}

/** How many pipelines deliver: per endpoint when known, else all of them while the channel total moves. */
export function receivingPipelines(state: IngestState, expected: number): number {
  const n = state.endpoints.filter((e) => e.receiving).length;
  return state.perPipeline ? n : n > 0 ? expected : 0;
}

/** How far back to look: MediaPackage publishes once a minute, so a few minutes bridge the delay. */
export const INGEST_LOOKBACK_MS = 3 * 60 * 1000;

export async function ingestState(rt: Runtime, clients: Clients, region: string, channelGroup: string): Promise<IngestState> {
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
  if (endpoints.length === 0) return { endpoints: [], perPipeline: true };
  const channels = [...new Set(endpoints.map((e) => e.channel))];
  const metric = (id: string, dimensions: { Name: string; Value: string }[]) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: "AWS/MediaPackage", MetricName: "IngressBytes", Dimensions: dimensions }, Period: 60, Stat: "Sum" },
  });
  const end = new Date(rt.now());
  const start = new Date(rt.now() - INGEST_LOOKBACK_MS);
  const data = await call(rt, { service: "cloudwatch", action: "GetMetricData", region, resource: `AWS/MediaPackage IngressBytes of ${channelGroup}` }, () =>
    clients.cloudwatch(region).send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          ...endpoints.map((e, i) =>
            metric(`endpoint${i}`, [
              { Name: "ChannelGroup", Value: channelGroup },
              { Name: "Channel", Value: e.channel },
              { Name: "IngestEndpoint", Value: e.endpoint },
            ]),
          ),
          ...channels.map((c, i) =>
            metric(`channel${i}`, [
              { Name: "ChannelGroup", Value: channelGroup },
              { Name: "Channel", Value: c },
            ]),
          ),
        ],
      }),
    ),
  );
  const series = (id: string) => data.MetricDataResults?.find((r) => r.Id === id)?.Values;
  const sum = (values: number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0);
  const anyEndpoint = endpoints.some((_, i) => (series(`endpoint${i}`) ?? []).length > 0);
  const anyChannel = channels.some((_, i) => sum(series(`channel${i}`)) > 0);
  // Per pipeline unless only the channel total has figures (then it stands for every pipeline).
  const perPipeline = anyEndpoint || !anyChannel;
  return {
    perPipeline,
    endpoints: endpoints.map((e, i) => {
      const bytes = perPipeline ? sum(series(`endpoint${i}`)) : sum(series(`channel${channels.indexOf(e.channel)}`));
      return { ...e, bytes, receiving: bytes > 0 };
    }),
  };
}
