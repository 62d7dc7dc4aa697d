import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { ingestSegmentSeconds } from "../encoding-profiles/profiles";
import type { LoadedEvent } from "../config/types";
import { Delivery } from "../modules/delivery";
import { pipelinesOf } from "../modules/encoder/options";
import { CLOUDFRONT_REGION } from "../modules/delivery/region";
import { AccountIdentity } from "../modules/identity";
import { CdnMonitoring } from "../modules/monitoring";
import { GLOBAL_SCOPE, Naming } from "../modules/naming";
import { MANIFESTS, PACKAGER_CHANNEL } from "../modules/packager";
import { awsProvider, awsccProvider, eventTags, stateBackend } from "./common";
import { RegionalPipelineStack } from "./regional-stack";

/** CloudFront is global but managed through us-east-1, where its metrics and logs live too. */
export const CDN_REGION = CLOUDFRONT_REGION;

export interface DeliveryStackProps {
  readonly loaded: LoadedEvent;
  /** The regional pipelines, primary first. */
  readonly regions: readonly RegionalPipelineStack[];
}

/**
 * The CDN for every region's packager, and the endpoint policies that admit it. It lives in its
 * own stack, applied after the regional ones: the distribution needs the origins' domains, and
 * the endpoint policies need the distribution's ARN, so putting both here avoids a cycle.
 */
export class DeliveryStack extends TerraformStack {
  public readonly delivery: Delivery;

  constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    super(scope, id);
    const { config } = props.loaded;
    const tags = eventTags(config);
    stateBackend(this, id, config.state);
    awsProvider(this, "aws", CDN_REGION, tags);
    // The account and partition, read once and passed down to everything that builds an ARN.
    const account = new AccountIdentity(this, "Identity");

    const first = props.regions[0].packager;
    const d = config.delivery;
    this.delivery = new Delivery(this, "Delivery", {
      naming: new Naming(config.event.name, GLOBAL_SCOPE),
      account,
      channelGroupName: config.event.name,
      channelName: PACKAGER_CHANNEL,
      endpoints: first.endpoints.map((e) => ({ name: e.name, manifests: e.manifests })),
      origins: props.regions.map((r) => ({
        region: r.region,
        egressDomain: r.packager.channelGroup.egressDomain,
        endpointArns: Object.fromEntries(r.packager.endpoints.map((e) => [e.name, e.endpoint.arn])),
        awsccProvider: awsccProvider(this, `awscc-${r.region}`, r.region, r.region),
      })),
      segmentDurationSeconds: config.packaging.segmentDurationSeconds,
      startoverWindowSeconds: config.packaging.startoverWindowSeconds,
      lowLatencyPartSeconds: Object.values(config.packaging.endpoints).some((e) => e.lowLatencyHls) ? ingestSegmentSeconds(props.loaded.profile.video.gopSeconds) : undefined,
      priceClass: d.priceClass,
      originShieldRegion: d.originShieldRegion,
      failoverStatusCodes: d.failoverStatusCodes,
      corsAllowedOrigins: d.corsAllowedOrigins,
      accessLogs: d.accessLogs.enabled ? { retentionDays: d.accessLogs.retentionDays } : undefined,
      customDomain: d.customDomain,
      geoRestriction: d.geoRestriction,
      firewall: d.waf.enabled ? d.waf : undefined,
      publicKeys: props.loaded.publicKeys,
    });

    new TerraformOutput(this, "distribution", {
      description: "CloudFront distribution serving every playback URL",
      value: { id: this.delivery.distribution.id, domain_name: this.delivery.distribution.domainName },
    });
    for (const [key, url] of Object.entries(this.delivery.playbackUrls)) {
      const [endpoint, kind] = key.split("/");
      new TerraformOutput(this, `playback-${endpoint}-${kind}`, {
        description: `${MANIFESTS[kind as keyof typeof MANIFESTS].label} playback URL of the ${endpoint} endpoint`,
        value: url,
      });
    }

    // CloudFront's alarms (its metrics are in us-east-1) and the event's dashboard over every region.
    new CdnMonitoring(this, "Monitoring", {
      naming: new Naming(config.event.name, GLOBAL_SCOPE),
      region: CDN_REGION,
      alarms: config.alarms,
      distribution: this.delivery.distribution,
      account,
      regions: props.regions.map((r) => ({
        region: r.region,
        flows: r.contribution.flows,
        channel: r.encoder.channel,
        pipelines: pipelinesOf(config.channel.class),
        contributionType: config.contribution.type,
        outputGroupName: r.encoder.packagerOutputGroupName,
        ingest: r.encoder.ingest,
        automaticInputFailover: r.encoder.automaticInputFailover,
        packager: r.packager,
      })),
    });
  }
}
