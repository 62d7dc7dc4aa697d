// Generated from config/event.schema.json by `npm run generate` (json-schema-to-typescript). Do not edit:
// change the schema and regenerate. A test fails when this file and the schema drift apart.
// Properties with a schema default are required here: the loader (ajv, useDefaults) fills them.
/* eslint-disable */

/**
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "region".
 */
export type Region =
  | "us-east-1"
  | "us-east-2"
  | "us-west-1"
  | "us-west-2"
  | "ca-central-1"
  | "sa-east-1"
  | "eu-west-1"
  | "eu-west-2"
  | "eu-west-3"
  | "eu-central-1"
  | "eu-north-1"
  | "ap-south-1"
  | "ap-northeast-1"
  | "ap-northeast-2"
  | "ap-southeast-1"
  | "ap-southeast-2";
/**
 * an IPv4 CIDR block such as 203.0.113.0/24
 *
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "cidr".
 */
export type Cidr = string;
/**
 * a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-passphrase-AbCdEf
 *
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "secretArn".
 */
export type SecretArn = string;
/**
 * @minItems 1
 * @maxItems 2
 *
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "pullUrls".
 */
export type PullUrls = string[];
/**
 * @minItems 1
 * @maxItems 2
 *
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "deviceIds".
 */
export type DeviceIds = string[];
/**
 * a port from 1024 to 64000
 *
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "port".
 */
export type Port = number;

/**
 * One file describes one live event: where it runs, how the feed arrives, how it is encoded, packaged, delivered and watched.
 */
export interface EventFile {
  /**
   * Path to this schema, for editors.
   */
  $schema?: string;
  /**
   * Exceptions to the policy pack that checks every synthesized stack. Each waiver accepts one rule's finding on one resource; its reason is printed in every report.
   */
  policy: {
    waivers: {
      /**
       * a policy rule id such as s3-encryption
       */
      rule: string;
      /**
       * the resource's construct path as the policy report prints it, such as demo-live-cdn/Delivery/LogBucket
       */
      resource: string;
      /**
       * why the finding is acceptable here, 20 to 500 characters
       */
      reason: string;
    }[];
  };
  /**
   * Assumptions behind the cost and latency report (npm run report). Nothing here changes what is deployed.
   */
  report: {
    audience: {
      /**
       * concurrent viewers the CloudFront estimate is for
       */
      viewers: number;
      /**
       * bits per second one viewer receives, video and audio. Default: the profile's top rendition plus its first audio track (an upper bound)
       */
      averageBitrate?: number;
      /**
       * relative share of viewers per CloudFront pricing zone, e.g. {"europe": 70, "northAmerica": 30}. Default: all viewers in the zone of the first region
       */
      locations?: {
        [k: string]: number;
      };
      /**
       * the manifest the request estimate assumes viewers play. Default: hls if an endpoint serves it, else lowLatencyHls, else dash
       */
      playback?: "hls" | "lowLatencyHls" | "dash";
      /**
       * share of viewer bytes CloudFront serves from its caches; the rest is MediaPackage egress
       */
      cacheHitRatio: number;
    };
    /**
     * bits per second of each contribution feed through MediaConnect. Default: the profile's input specification maximum (10, 20 or 50 Mb/s)
     */
    contributionBitrate?: number;
    /**
     * Latency goals by manifest kind; the report warns when the configuration cannot meet one.
     */
    latencyTargetSeconds?: {
      /**
       * seconds behind live that HLS viewers may be
       */
      hls?: number;
      /**
       * seconds behind live that low-latency HLS viewers may be
       */
      lowLatencyHls?: number;
      /**
       * seconds behind live that DASH viewers may be
       */
      dash?: number;
    };
    player: {
      /**
       * how many segments behind the live edge HLS and DASH players start (the HLS specification asks for three)
       */
      segmentsBehindLive: number;
      /**
       * how many parts behind the live edge low-latency HLS players start (PART-HOLD-BACK, at least three parts recommended)
       */
      partsBehindLive: number;
    };
  };
  /**
   * Who is notified when something breaks, and per alarm family its threshold, period and evaluation periods (docs/alarms.md lists every family with its default).
   */
  alarms: {
    /**
     * Subscribers of every alarm topic (one topic per region, one for the CDN in us-east-1).
     *
     * @maxItems 20
     */
    notifications: {
      protocol: "email" | "email-json" | "https" | "sms" | "sqs" | "lambda";
      /**
       * an email address, https:// URL, E.164 phone number, SQS queue ARN or Lambda function ARN, to match the protocol
       */
      endpoint: string;
    }[];
    /**
     * Turn on CloudFront additional metrics (billed per distribution) so the origin latency alarm has data.
     */
    cdnAdditionalMetrics: boolean;
    /**
     * Overrides per alarm family; anything left out keeps the family's default.
     */
    families: {
      [k: string]: {
        /**
         * false leaves the family out
         */
        enabled?: boolean;
        /**
         * only for families that compare a level (not for state alarms)
         */
        threshold?: number;
        /**
         * 10, 20, 30 (MediaConnect and MediaLive metrics, except Metrics Insights alarms and mediaQualityLow) or a multiple of 60
         */
        periodSeconds?: number;
        /**
         * consecutive periods that must breach before the alarm fires
         */
        evaluationPeriods?: number;
      };
    };
  };
  /**
   * Where Terraform keeps each stack's state. One state per stack: <event>-<region> and <event>-cdn.
   */
  state: {
    backend: "local" | "s3" | "cloud";
    /**
     * S3 state: key <keyPrefix><stack>.tfstate, encrypted, locked with an S3 lock file (Terraform 1.10+).
     */
    s3?: {
      /**
       * an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)
       */
      bucket: string;
      /**
       * the bucket's AWS region, such as eu-west-1
       */
      region: string;
      /**
       * folders in front of the state file name, each ending in /
       */
      keyPrefix: string;
      /**
       * a KMS key ARN to encrypt state with (default: SSE-S3)
       */
      kmsKeyArn?: string;
    };
    /**
     * Terraform Cloud / Enterprise: one workspace per stack, named <workspacePrefix><stack>.
     */
    cloud?: {
      /**
       * a Terraform Cloud organization name
       */
      organization: string;
      /**
       * a host name such as app.terraform.io
       */
      hostname: string;
      /**
       * letters, digits, _ or -, at most 40 characters
       */
      workspacePrefix: string;
      /**
       * a Terraform Cloud project name
       */
      project?: string;
    };
  };
  event: {
    /**
     * lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen
     */
    name: string;
    /**
     * free text, at most 200 characters
     */
    description: string;
    /**
     * lowercase letters, digits and hyphens, at most 32 characters
     */
    environment: string;
    /**
     * a cost-allocation tag value: 1 to 256 letters, digits, spaces or _.:/=+-@
     */
    costCentre: string;
  };
  /**
   * AWS regions that run a pipeline; the first one is the primary.
   *
   * @minItems 1
   * @maxItems 8
   */
  regions: Region[];
  /**
   * Extra tags on every resource.
   */
  tags: {
    /**
     * a tag value: at most 256 letters, digits, spaces or _.:/=+-@
     */
    [k: string]: string;
  };
  /**
   * How the event feed reaches AWS. Two inputs (primary and backup) are always built so the channel can fail over between them.
   */
  contribution: {
    type:
      | "MEDIACONNECT"
      | "RTP_PUSH"
      | "UDP_PUSH"
      | "RTMP_PUSH"
      | "RTMP_PULL"
      | "URL_PULL"
      | "MP4_FILE"
      | "TS_FILE"
      | "INPUT_DEVICE";
    /**
     * Networks allowed to send the feed (MEDIACONNECT and *_PUSH inputs). 0.0.0.0/0 is accepted only when written here, with a warning.
     *
     * @minItems 1
     * @maxItems 10
     */
    allowlistCidrs?: Cidr[];
    mediaconnect?: Mediaconnect;
    rtmpPush?: {
      /**
       * letters, digits, _ or -, 1 to 64 characters
       */
      applicationName: string;
    };
    /**
     * Source URLs for RTMP_PULL, URL_PULL, MP4_FILE and TS_FILE inputs: one per pipeline (two for a STANDARD channel).
     */
    pull?: {
      primaryUrls: PullUrls;
      backupUrls: PullUrls;
      username: string;
      /**
       * the name of an SSM SecureString parameter holding the password (never the password itself)
       */
      passwordParameter: string;
    };
    /**
     * Elemental Link device ids for INPUT_DEVICE inputs.
     */
    inputDevices?: {
      primary: DeviceIds;
      backup: DeviceIds;
    };
  };
  channel: {
    class: "STANDARD" | "SINGLE_PIPELINE";
    /**
     * the name of a profile in encoding-profiles/
     */
    encodingProfile: string;
    /**
     * Start the channel on apply. A running channel bills by the hour.
     */
    start: boolean;
    logLevel: "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
    /**
     * How MediaLive pushes to MediaPackage v2: CMAF (a CMAF Ingest output group, epoch-locked segments, quality scores; deployed through a CloudFormation stack) or HLS (an HLS output group). Default: CMAF with two or more regions, HLS with one. See docs/ingest.md.
     */
    ingest?: "CMAF" | "HLS";
    /**
     * How the pipelines' outputs are aligned. Default: EPOCH_LOCKING for a STANDARD channel with CMAF ingest, PIPELINE_LOCKING for a STANDARD channel with HLS ingest, DISABLED for SINGLE_PIPELINE. EPOCH_LOCKING is the default with CMAF ingest; it aligns segments across regions (inputs need embedded timecode) and, with HLS ingest, cannot be combined with SCTE-35 passthrough.
     */
    outputLocking?: "PIPELINE_LOCKING" | "EPOCH_LOCKING" | "DISABLED";
    /**
     * Pass SCTE-35 ad markers from the input to packaging.
     */
    scte35Passthrough: boolean;
    inputFailover: {
      preference: "PRIMARY_INPUT_PREFERRED" | "EQUAL_INPUT_PREFERENCE";
      errorClearTimeMs: number;
      inputLossThresholdMs: number;
      /**
       * used when conditions include VIDEO_BLACK
       */
      videoBlackThresholdMs: number;
      /**
       * used when conditions include AUDIO_SILENCE
       */
      audioSilenceThresholdMs: number;
      /**
       * @minItems 1
       */
      conditions: ("INPUT_LOSS" | "VIDEO_BLACK" | "AUDIO_SILENCE")[];
    };
  };
  packaging: {
    segmentDurationSeconds: number;
    manifestWindowSeconds: number;
    programDateTimeIntervalSeconds: number;
    startoverWindowSeconds: number;
    iframeOnlyStreams: boolean;
    adMarkers: "DATERANGE" | "SCTE35_ENHANCED";
    /**
     * SCTE-35 message types that become ad markers in the manifests.
     *
     * @minItems 1
     */
    scteFilter: (
      | "SPLICE_INSERT"
      | "BREAK"
      | "PROVIDER_ADVERTISEMENT"
      | "DISTRIBUTOR_ADVERTISEMENT"
      | "PROVIDER_PLACEMENT_OPPORTUNITY"
      | "DISTRIBUTOR_PLACEMENT_OPPORTUNITY"
      | "PROVIDER_OVERLAY"
    )[];
    /**
     * Manifest states that make an endpoint answer with an error, so the CDN can fail over.
     */
    endpointErrorConditions: ("STALE_MANIFEST" | "INCOMPLETE_MANIFEST" | "SLATE_INPUT")[];
    endpoints: {
      [k: string]: {
        container: "TS" | "CMAF";
        hls: boolean;
        lowLatencyHls: boolean;
        /**
         * a DASH manifest (CMAF endpoints only)
         */
        dash: boolean;
        /**
         * Content protection for this endpoint: DRM keys from a SPEKE v2 key provider, or clear-key AES-128 (TS only).
         */
        encryption?: {
          method: "SPEKE" | "CLEAR_KEY_AES_128";
          /**
           * SPEKE only
           *
           * @minItems 1
           */
          drmSystems?: ("FAIRPLAY" | "WIDEVINE" | "PLAYREADY")[];
          /**
           * the key provider's https:// URL
           */
          spekeUrl?: string;
          /**
           * an IAM role ARN MediaPackage assumes to call the key provider
           */
          roleArn?: string;
          /**
           * the content id sent to the key provider (default: <event name>-<endpoint name>, so two endpoints never share content keys by accident; the same in every region)
           */
          resourceId?: string;
          /**
           * rotate keys this often (default: no rotation)
           */
          keyRotationIntervalSeconds?: number;
          /**
           * an ACM certificate ARN for encrypted content keys
           */
          certificateArn?: string;
        };
      };
    };
  };
  delivery: {
    priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
    originShieldRegion?: Region;
    /**
     * With two or more regions: origin responses on which CloudFront retries the request at the next region. 404 is what MediaPackage answers for a stale or incomplete manifest (packaging.endpointErrorConditions).
     *
     * @minItems 1
     */
    failoverStatusCodes: (400 | 403 | 404 | 416 | 500 | 502 | 503 | 504)[];
    /**
     * @minItems 1
     */
    corsAllowedOrigins: string[];
    accessLogs: {
      enabled: boolean;
      retentionDays: number;
    };
    /**
     * A playback domain of your own: an ACM certificate (DNS-validated in a Route 53 hosted zone, or an existing one) and A/AAAA alias records.
     */
    customDomain?: {
      /**
       * a lowercase DNS name such as live.example.com
       */
      domainName: string;
      /**
       * a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ
       */
      hostedZoneId?: string;
      /**
       * an ACM certificate ARN (in us-east-1, as CloudFront requires)
       */
      certificateArn?: string;
    };
    /**
     * Playback only in (allow) or never in (deny) the listed countries.
     */
    geoRestriction?: {
      mode: "allow" | "deny";
      /**
       * @minItems 1
       */
      countries: string[];
    };
    /**
     * An AWS WAF web ACL in front of the distribution.
     */
    waf: {
      enabled: boolean;
      /**
       * requests one IP address may send in 5 minutes before it is blocked (docs/protection.md says how the default is sized)
       */
      rateLimitPer5Minutes: number;
      managedRuleGroups: (
        | "AWSManagedRulesAmazonIpReputationList"
        | "AWSManagedRulesKnownBadInputsRuleSet"
        | "AWSManagedRulesCommonRuleSet"
        | "AWSManagedRulesAnonymousIpList"
      )[];
      /**
       * always allowed, before any other rule
       */
      allowCidrs: Cidr[];
      /**
       * always blocked
       */
      denyCidrs: Cidr[];
      /**
       * retention of the blocked-request log
       */
      logRetentionDays:
        | 1
        | 3
        | 5
        | 7
        | 14
        | 30
        | 60
        | 90
        | 120
        | 150
        | 180
        | 365
        | 400
        | 545
        | 731
        | 1096
        | 1827
        | 2192
        | 2557
        | 2922
        | 3288
        | 3653;
    };
    /**
     * Viewers need a URL or cookie signed by your paywall with one of these keys.
     */
    signedUrls?: {
      /**
       * By key name: the path of a PEM public key file, relative to this config file. Never a private key.
       */
      publicKeys: {
        /**
         * a path to a .pem file
         */
        [k: string]: string;
      };
    };
  };
}
/**
 * This interface was referenced by `EventFile`'s JSON-Schema
 * via the `definition` "mediaconnect".
 */
export interface Mediaconnect {
  protocol: "rtp" | "rtp-fec" | "rist" | "srt-listener" | "zixi-push";
  /**
   * a port from 1024 to 64000
   */
  primaryPort: number;
  /**
   * a port from 1024 to 64000
   */
  backupPort: number;
  /**
   * RIST, SRT and Zixi receive buffer
   */
  maxLatencyMs: number;
  /**
   * SRT only: the latency negotiated with the sender
   */
  minLatencyMs: number;
  /**
   * Zixi stream id (required for zixi-push) or SRT stream id
   */
  streamId?: string;
  /**
   * Per region, two different Availability Zones the flows run in (each <region><letter>): pipeline a's flows in the first, pipeline b's in the second. Default: the first two zones the account has in the region (read at plan time; the plan also checks configured zones exist).
   */
  availabilityZones?: {
    [k: string]: string[];
  };
  /**
   * Source decryption: a Secrets Manager secret holding the SRT passphrase (srt-listener) or the Zixi key (zixi-push).
   */
  decryption?: {
    secretArn: SecretArn;
    /**
     * Per extra region, the same secret stored in that region (MediaConnect reads secrets from the flow's own region).
     */
    regionalSecretArns?: {
      [k: string]: SecretArn;
    };
    /**
     * zixi-push only
     */
    algorithm: "aes128" | "aes192" | "aes256";
  };
  /**
   * How the feed reaches the extra regions: the encoders send to every region (direct), or the primary region's flows forward it (forward).
   */
  regionalFeed: {
    mode: "direct" | "forward";
    /**
     * forward only: the transport between regions
     */
    protocol: "rist" | "srt" | "zixi";
    /**
     * forward only: the receive buffer of the inter-region link
     */
    latencyMs: number;
    /**
     * forward with srt or zixi: the link's passphrase/key, the same secret stored in every region (primary included), by region
     */
    secretArns?: {
      [k: string]: SecretArn;
    };
  };
  /**
   * A second copy of the feed into every flow (for example over another network), with source failover.
   */
  secondSource?: {
    allowlistCidr: Cidr;
    /**
     * the second source listens on the flow's port plus this offset
     */
    portOffset: number;
    failoverMode: "FAILOVER" | "MERGE";
    /**
     * MERGE only: how long to wait for missing packets
     */
    recoveryWindowMs: number;
  };
}
