import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { ingestSegmentSeconds } from "../config/profiles";
import type { LoadedEvent } from "../config/types";
import { Contribution } from "../modules/contribution";
import { Encoder } from "../modules/encoder";
import { MediaLiveRole } from "../modules/encoder/role";
import { Naming } from "../modules/naming";
import { PACKAGER_CHANNEL, Packager } from "../modules/packager";
import { awsProvider, awsccProvider, awsccTags, eventTags, localBackend } from "./common";

export interface RegionalPipelineStackProps {
  readonly loaded: LoadedEvent;
  readonly region: string;
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
    const pipelines = config.channel.class === "STANDARD" ? 2 : 1;

    localBackend(this, id);
    awsProvider(this, "aws", region, tags);
    awsccProvider(this, "awscc", region);

    const role = new MediaLiveRole(this, "MediaLiveRole", {
      naming,
      region,
      mediaConnectFlowPrefix: config.contribution.type === "MEDIACONNECT" ? naming.prefixFor("flow") : undefined,
      packagerChannel: { group: config.event.name, channel: PACKAGER_CHANNEL },
      passwordParameter: config.contribution.pull?.passwordParameter || undefined,
    });
    this.contribution = new Contribution(this, "Contribution", {
      naming,
      region,
      contribution: config.contribution,
      pipelines,
      mediaLiveRoleArn: role.role.arn,
      awsccTags: awsccTags(tags),
      inputsDependOn: [role.policy],
    });

    this.packager = new Packager(this, "Packager", {
      channelGroupName: config.event.name,
      description: config.event.description || `${config.event.name} live event`,
      packaging: config.packaging,
      mediaLiveRoleArn: role.role.arn,
      awsccTags: awsccTags(tags),
    });
    this.encoder = new Encoder(this, "Encoder", {
      naming,
      channel: config.channel,
      profile,
      contributionType: config.contribution.type,
      inputs: this.contribution.inputs,
      ingestEndpointUrls: this.packager.channel.ingestEndpointUrls,
      roleArn: role.role.arn,
      dependsOn: [role.policy],
    });

    // What the encoder operator needs: where to send the feed.
    for (const f of this.contribution.flows) {
      new TerraformOutput(this, `ingest-${f.key}`, {
        description: `Send the ${f.role} feed for pipeline ${f.key.slice(-1)} here (${config.contribution.mediaconnect!.protocol}, ${f.availabilityZone})`,
        value: {
          protocol: config.contribution.mediaconnect!.protocol,
          ip: f.flow.source.ingestIp,
          port: f.port,
          availability_zone: f.availabilityZone,
          allowed_cidr: config.contribution.allowlistCidrs![0],
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
      },
    });
  }
}
