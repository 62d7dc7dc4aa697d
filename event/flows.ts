// MediaConnect flows: read, start, stop. "After you create a flow, you must start the flow. You can
// also stop and restart a flow at any time." https://docs.aws.amazon.com/mediaconnect/latest/ug/flows-start.html
// StartFlow answers with the status it begins from (STARTING):
// https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/mediaconnect/client/start_flow.html
import { DescribeFlowCommand, DescribeFlowSourceMetadataCommand, StartFlowCommand, StopFlowCommand } from "@aws-sdk/client-mediaconnect";
import { call, Clients } from "./aws";
import type { FlowRef } from "./discovery";
import type { Runtime } from "./runtime";

export interface FlowState {
  readonly status: string;
  readonly ingestIp?: string;
}

export async function describeFlow(rt: Runtime, clients: Clients, region: string, flow: FlowRef): Promise<FlowState> {
  const r = await call(rt, { service: "mediaconnect", action: "DescribeFlow", region, resource: flow.arn }, () =>
    clients.mediaconnect(region).send(new DescribeFlowCommand({ FlowArn: flow.arn })),
  );
  return { status: r.Flow?.Status ?? "UNKNOWN", ingestIp: r.Flow?.Source?.IngestIp };
}

/**
 * Whether media arrives at an active flow: DescribeFlowSourceMetadata answers with the transport
 * stream's programs when content is received, and with status messages otherwise.
 * https://docs.aws.amazon.com/mediaconnect/latest/api/v1-flows-flowarn-source-metadata.html
 */
export async function flowReceiving(rt: Runtime, clients: Clients, region: string, flow: FlowRef): Promise<{ receiving: boolean; detail?: string }> {
  const r = await call(rt, { service: "mediaconnect", action: "DescribeFlowSourceMetadata", region, resource: flow.arn }, () =>
    clients.mediaconnect(region).send(new DescribeFlowSourceMetadataCommand({ FlowArn: flow.arn })),
  );
  const programs = r.TransportMediaInfo?.Programs ?? [];
  return { receiving: programs.length > 0, detail: programs.length > 0 ? undefined : r.Messages?.[0]?.Message };
}

export async function startFlow(rt: Runtime, clients: Clients, region: string, flow: FlowRef): Promise<void> {
  await call(rt, { service: "mediaconnect", action: "StartFlow", region, resource: flow.arn }, () => clients.mediaconnect(region).send(new StartFlowCommand({ FlowArn: flow.arn })));
}

export async function stopFlow(rt: Runtime, clients: Clients, region: string, flow: FlowRef): Promise<void> {
  await call(rt, { service: "mediaconnect", action: "StopFlow", region, resource: flow.arn }, () => clients.mediaconnect(region).send(new StopFlowCommand({ FlowArn: flow.arn })));
}
