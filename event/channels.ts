// MediaLive channels and inputs: read, start, stop, and the channel schedule.
// API reference (StartChannel; the other channel resources sit beside it):
// https://docs.aws.amazon.com/medialive/latest/apireference/channels-channelid-start.html
import {
  BatchUpdateScheduleCommand,
  DescribeChannelCommand,
  DescribeInputCommand,
  DescribeScheduleCommand,
  ScheduleAction,
  StartChannelCommand,
  StopChannelCommand,
} from "@aws-sdk/client-medialive";
import { call, Clients } from "./aws";
import type { Runtime } from "./runtime";

export interface ChannelState {
  readonly state: string;
  /** Per pipeline: the input attachment it currently ingests. */
  readonly pipelines: readonly { readonly id: string; readonly activeInput?: string }[];
  readonly pipelinesRunning?: number;
}

export async function describeChannel(rt: Runtime, clients: Clients, region: string, channelId: string): Promise<ChannelState> {
  const r = await call(rt, { service: "medialive", action: "DescribeChannel", region, resource: `channel ${channelId}` }, () =>
    clients.medialive(region).send(new DescribeChannelCommand({ ChannelId: channelId })),
  );
  return {
    state: r.State ?? "UNKNOWN",
    pipelines: (r.PipelineDetails ?? []).map((p) => ({ id: p.PipelineId ?? "?", activeInput: p.ActiveInputAttachmentName })),
    pipelinesRunning: r.PipelinesRunningCount,
  };
}

export interface InputState {
  readonly state: string;
  readonly type?: string;
  /** Push inputs: where to send (e.g. rtmp://203.0.113.10:1935/live/primary). */
  readonly destinations: readonly string[];
}

export async function describeInput(rt: Runtime, clients: Clients, region: string, inputId: string): Promise<InputState> {
  const r = await call(rt, { service: "medialive", action: "DescribeInput", region, resource: `input ${inputId}` }, () =>
    clients.medialive(region).send(new DescribeInputCommand({ InputId: inputId })),
  );
  return { state: r.State ?? "UNKNOWN", type: r.Type, destinations: (r.Destinations ?? []).map((d) => d.Url ?? "").filter((u) => u !== "") };
}

export async function startChannel(rt: Runtime, clients: Clients, region: string, channelId: string): Promise<void> {
  await call(rt, { service: "medialive", action: "StartChannel", region, resource: `channel ${channelId}` }, () =>
    clients.medialive(region).send(new StartChannelCommand({ ChannelId: channelId })),
  );
}

export async function stopChannel(rt: Runtime, clients: Clients, region: string, channelId: string): Promise<void> {
  await call(rt, { service: "medialive", action: "StopChannel", region, resource: `channel ${channelId}` }, () =>
    clients.medialive(region).send(new StopChannelCommand({ ChannelId: channelId })),
  );
}

/** Every action in the channel's schedule (all pages). */
export async function describeSchedule(rt: Runtime, clients: Clients, region: string, channelId: string): Promise<ScheduleAction[]> {
  const actions: ScheduleAction[] = [];
  let token: string | undefined;
  do {
    const r = await call(rt, { service: "medialive", action: "DescribeSchedule", region, resource: `channel ${channelId}` }, () =>
      clients.medialive(region).send(new DescribeScheduleCommand({ ChannelId: channelId, NextToken: token })),
    );
    actions.push(...(r.ScheduleActions ?? []));
    token = r.NextToken;
  } while (token);
  return actions;
}

export async function addScheduleActions(rt: Runtime, clients: Clients, region: string, channelId: string, actions: ScheduleAction[]): Promise<void> {
  await call(rt, { service: "medialive", action: "BatchUpdateSchedule", region, resource: `channel ${channelId}` }, () =>
    clients.medialive(region).send(new BatchUpdateScheduleCommand({ ChannelId: channelId, Creates: { ScheduleActions: actions } })),
  );
}
