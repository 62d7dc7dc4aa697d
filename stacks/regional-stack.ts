import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { ingestTypeOf } from "../config/ingest";
import { ingestSegmentSeconds } from "../encoding-profiles/profiles";
import type { LoadedEvent } from "../config/types";
import { Contribution, UpstreamFeed } from "../modules/contribution";
import { Encoder } from "../modules/encoder";
import { pipelinesOf } from "../modules/encoder/options";
import { MediaLiveRole } from "../modules/encoder/role";
import { AccountIdentity } from "../modules/identity";
import { PipelineMonitoring } from "../modules/monitoring";
import { Naming } from "../modules/naming";
import { serviceRoleBoundaryArn } from "../modules/terraform-cloud/boundary";
import { PACKAGER_CHANNEL, Packager } from "../modules/packager";
import { awsProvider, awsccProvider, awsccTags, eventTags, stateBackend } from "./common";

export interface RegionalPipelineStackProps {
  readonly loaded: LoadedEvent;
  readonly region: string;
  /** The primary region's stack, when this is an extra region fed by forwarding from it. */
  readonly forwardedFrom?: RegionalPipelineStack;
}

/**
 * One region's complete pipeline: contribution (MediaConnect flows or MediaLive inputs),
 * the MediaLive channel, and MediaPackage v2. The CDN in front of it lives in the delivery stack.
 */
export class RegionalPipelineStack extends TerraformStack {
  public readonly region: string;
  public readonly contribution: Contribution;
  public readonly packager: Packager;
  public readonly encoder: Encoder;

  constructor(scope: Construct, id: string, props: RegionalPipelineStackProps) {
    super(scope, id);
    const { config, profile } = props.loaded;
    const region = (this.region = props.region);
    const tags = eventTags(config);
    const naming = new Naming(config.event.name, region);
    const pipelines = pipelinesOf(config.channel.class);
    const ingest = ingestTypeOf(config);

    stateBackend(this, id, config.state);
    awsProvider(this, "aws", region, tags);
    awsccProvider(this, "awscc", region);
    // The account and partition, read once and passed down to everything that builds an ARN.
    const account = new AccountIdentity(this, "Identity");
    // Terraform Cloud runs may create only roles bounded by the bootstrap stack's boundary policy (by name: no cross-stack reference).
    const permissionsBoundary = config.state.backend === "cloud" ? serviceRoleBoundaryArn(config.event.name, account) : undefined;

    const mc = config.contribution.mediaconnect;
    // The encoders' feed is decrypted where it arrives: with the region's own copy of the secret.
    const sourceSecretArn = mc?.decryption && !props.forwardedFrom ? (mc.decryption.regionalSecretArns?.[region] ?? mc.decryption.secretArn) : undefined;
    const upstream = props.forwardedFrom ? this.upstreamFeed(props.forwardedFrom, tags, config) : undefined;

    const pull = config.contribution.pull;
    const role = new MediaLiveRole(this, "MediaLiveRole", {
      naming,
      region,
      account,
      mediaConnectFlowPrefix: config.contribution.type === "MEDIACONNECT" ? naming.prefixFor("flow") : undefined,
      packagerChannel: { group: config.event.name, channel: PACKAGER_CHANNEL },
      passwordParameter: config.contribution.pull?.passwordParameter || undefined,
      // File and HLS pull inputs may read from S3 (s3ssl://); RTMP pulls never do.
      sourceUrls: pull && config.contribution.type !== "RTMP_PULL" ? [...pull.primaryUrls, ...pull.backupUrls] : undefined,
      permissionsBoundary,
    });
    this.contribution = new Contribution(this, "Contribution", {
      ...config.contribution,
      naming,
      region,
      account,
      pipelines,
      mediaLiveRoleArn: role.role.arn,
      awsccTags: awsccTags(tags),
      inputsDependOn: [role.policy],
      sourceSecretArn,
      upstream,
      permissionsBoundary,
    });

    this.packager = new Packager(this, "Packager", {
      ...config.packaging,
      channelGroupName: config.event.name,
      description: config.event.description || undefined,
      mediaLiveRoleArn: role.role.arn,
      awsccTags: awsccTags(tags),
      inputType: ingest,
    });
    this.encoder = new Encoder(this, "Encoder", {
      naming,
      channel: config.channel,
      profile,
      ingest,
      tags,
      contributionType: config.contribution.type,
      inputs: this.contribution.inputs,
      ingestEndpointUrls: this.packager.channel.ingestEndpointUrls,
      roleArn: role.role.arn,
      dependsOn: [role.policy],
    });

    // What the encoder operator needs: where to send the feed (or, forwarded, where it comes from).
    for (const f of this.contribution.flows) {
      const protocol = upstream ? `${upstream.protocol} from ${upstream.region}` : mc!.protocol;
      new TerraformOutput(this, `ingest-${f.key}`, {
        description: upstream
          ? `The ${f.role} feed for pipeline ${f.key.slice(-1)} arrives here from the ${upstream.region} flow (${protocol})`
          : `Send the ${f.role} feed for pipeline ${f.key.slice(-1)} here (${protocol})`,
        value: {
          protocol,
          ip: f.flow.source.ingestIp,
          port: f.port,
          availability_zone: f.availabilityZone,
          allowed_cidr: upstream ? f.flow.source.whitelistCidr : config.contribution.allowlistCidrs![0],
          flow_arn: f.flow.flowArn,
          ...(f.secondSource ? { second_source_ip: f.secondSource.ingestIp, second_source_port: f.secondPort } : {}),
        },
      });
    }
    for (const [role, input] of Object.entries(this.contribution.inputs)) {
      new TerraformOutput(this, `input-${role}`, { description: `MediaLive ${role} input (${config.contribution.type})`, value: { id: input.id, arn: input.arn } });
    }
    new TerraformOutput(this, "channel", {
      description: "MediaLive channel (start it before the event, stop it after: it bills while running)",
      value: { id: this.encoder.channel.channelId, arn: this.encoder.channel.arn, class: config.channel.class },
    });
    new TerraformOutput(this, "packaging", {
      description: "MediaPackage v2 channel group and its egress domain (reachable only through the CDN)",
      value: {
        channel_group: this.packager.channelGroup.name,
        egress_domain: this.packager.channelGroup.egressDomain,
        ingest_segment_seconds: ingestSegmentSeconds(profile.video.gopSeconds),
        ingest_type: ingest,
      },
    });

    // Alarms on every layer of this region, and the encrypted topic they notify.
    new PipelineMonitoring(this, "Monitoring", {
      naming,
      region,
      alarms: config.alarms,
      account,
      flows: this.contribution.flows,
      channel: this.encoder.channel,
      pipelines,
      contributionType: config.contribution.type,
      outputGroupName: this.encoder.packagerOutputGroupName,
      ingest: this.encoder.ingest,
      automaticInputFailover: this.encoder.automaticInputFailover,
      forwardedFrom: props.forwardedFrom?.region,
      profileFrameRate: profile.video.framerate.numerator / profile.video.framerate.denominator,
      packager: this.packager,
    });
  }

  /** The primary region's flows and providers for its region, for a forwarded feed. */
  private upstreamFeed(primary: RegionalPipelineStack, tags: Record<string, string>, config: LoadedEvent["config"]): UpstreamFeed {
    const feed = config.contribution.mediaconnect!.regionalFeed;
    return {
      region: primary.region,
      flows: Object.fromEntries(primary.contribution.flows.map((f) => [f.key, { flowArn: f.flow.flowArn, egressIp: f.flow.egressIp }])),
      awsccProvider: awsccProvider(this, "awscc-primary", primary.region, "primary"),
      awsProvider: awsProvider(this, "aws-primary", primary.region, tags, "primary"),
      protocol: feed.protocol,
      latencyMs: feed.latencyMs,
      secretArns: feed.secretArns,
    };
  }
}
