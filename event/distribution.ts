// The CloudFront distribution in front of every region.
// https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistribution.html (status values: see states.ts)
import { GetDistributionCommand } from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_REGION } from "../modules/delivery/region";
import { call, Clients } from "./aws";
import type { Runtime } from "./runtime";

export async function describeDistribution(rt: Runtime, clients: Clients, id: string): Promise<{ status: string; enabled: boolean }> {
  const r = await call(rt, { service: "cloudfront", action: "GetDistribution", region: CLOUDFRONT_REGION, resource: `distribution ${id}` }, () =>
    clients.cloudfront().send(new GetDistributionCommand({ Id: id })),
  );
  return { status: r.Distribution?.Status ?? "UNKNOWN", enabled: r.Distribution?.DistributionConfig?.Enabled ?? false };
}
