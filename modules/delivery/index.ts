import { Construct } from "constructs";
import { TerraformProvider, Token } from "cdktf";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Mediapackagev2OriginEndpointPolicy } from "../../.gen/providers/awscc/mediapackagev2-origin-endpoint-policy";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import { MANIFESTS, ManifestKind, PACKAGER_CHANNEL } from "../packager";
import { PlaybackCertificate, SignedUrlKeys, WebFirewall, WebFirewallOptions } from "./protection";
import { CLOUDFRONT_REGION } from "./region";

/** Query strings MediaPackage v2 manifests vary on; low-latency HLS breaks without the _HLS_ ones. */
export const MANIFEST_QUERY_STRINGS = ["aws.manifestfilter", "start", "end", "time_delay", "_HLS_msn", "_HLS_part", "_HLS_skip"];
/**
 * MediaPackage v2's time-shift query (`?aws.manifestsettings=start:...`): in the cache key when the
 * endpoints keep a start-over window, or every viewer would get the first requester's time-shifted
 * manifest. https://docs.aws.amazon.com/mediapackage/latest/userguide/msettings-params.html
 */
export const TIME_SHIFT_QUERY_STRING = "aws.manifestsettings";
/** Segments vary only on MediaPackage's own version parameter. */
export const SEGMENT_QUERY_STRINGS = ["m"];
/** Error codes cached for one second, so an origin hiccup is not hammered nor remembered. */
const ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];

/** One region's packager, as the CDN sees it. */
export interface DeliveryOrigin {
  readonly region: string;
  /** The channel group's egress domain. */
  readonly egressDomain: string;
  /** Endpoint ARNs by endpoint name (every endpoint of `DeliveryProps.endpoints`). */
  readonly endpointArns: Readonly<Record<string, string>>;
  /** The awscc provider for that region (endpoint policies live beside the endpoints). */
  readonly awsccProvider: TerraformProvider;
}

/** An origin endpoint the CDN serves, and the manifests it has. */
export interface DeliveryEndpoint {
  readonly name: string;
  readonly manifests: readonly ManifestKind[];
}

/** CloudFront price classes: which edge locations serve (and bill) viewers. */
export type PriceClass = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

/** A playback domain of your own, instead of the distribution's *.cloudfront.net name. */
export interface CustomDomain {
  /** A lowercase DNS name such as live.example.com. */
  readonly domainName: string;
  /**
   * A Route 53 hosted zone for the domain: the certificate (unless given) is validated there, and
   * A/AAAA alias records to the distribution are created in it.
   * @default no DNS records (you create them; certificateArn is then required)
   */
  readonly hostedZoneId?: string;
  /**
   * An existing ACM certificate for the domain, in us-east-1 (the only region CloudFront reads
   * certificates from: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html).
   * @default a certificate created and DNS-validated in hostedZoneId
   */
  readonly certificateArn?: string;
}

/** Playback only in (allow) or never in (deny) the listed countries. */
export interface GeoRestriction {
  readonly mode: "allow" | "deny";
  /** ISO 3166-1 alpha-2 codes such as GB. */
  readonly countries: readonly string[];
}

/** CloudFront access logs in a private, encrypted bucket. */
export interface AccessLogs {
  /**
   * Days a log object is kept before it expires.
   * @default 90
   */
  readonly retentionDays?: number;
}

export interface DeliveryProps {
  /** Names in the global scope (CloudFront policies are account-wide). */
  readonly naming: Naming;
  /** The stack's account and partition (the log bucket admits log delivery for this account only). */
  readonly account: AccountContext;
  /** The packagers' channel group name (the same in every region; it is part of every path). */
  readonly channelGroupName: string;
  /**
   * The packagers' channel name.
   * @default "live" (the Packager's channel)
   */
  readonly channelName?: string;
  /** The endpoints to serve; every origin has each of them. */
  readonly endpoints: readonly DeliveryEndpoint[];
  /** The regions' packagers, primary first. CloudFront fails over from the first to the second. */
  readonly origins: readonly DeliveryOrigin[];
  /**
   * The packagers' segment length, from which TTLs and origin timeouts are derived.
   * @default 4 (the Packager's default)
   */
  readonly segmentDurationSeconds?: number;
  /**
   * The endpoints' start-over window; above 0, time-shifted manifest requests are cached apart.
   * @default 1209600 (the Packager's default)
   */
  readonly startoverWindowSeconds?: number;
  /**
   * The low-latency HLS part length (MediaLive's ingest segment), required when an endpoint's
   * manifests include `lowLatencyHls` (a Packager endpoint's do by default): the origin read
   * timeout must outlast a blocking playlist reload.
   * @default none (allowed only when no endpoint serves low-latency HLS)
   */
  readonly lowLatencyPartSeconds?: number;
  /** @default "PriceClass_All" */
  readonly priceClass?: PriceClass;
  /**
   * An Origin Shield region between the edges and the packagers.
   * @default no Origin Shield
   */
  readonly originShieldRegion?: string;
  /**
   * Status codes on which CloudFront retries the next region (used with two or more origins). 404
   * is what MediaPackage answers for a stale or incomplete manifest (the Packager's
   * endpointErrorConditions).
   * @default [404, 500, 502, 503, 504]
   */
  readonly failoverStatusCodes?: readonly number[];
  /**
   * Origins browser players may load playback from (CORS), or "*".
   * @default ["*"]
   */
  readonly corsAllowedOrigins?: readonly string[];
  /** @default no access logs */
  readonly accessLogs?: AccessLogs;
  /** @default the distribution's own *.cloudfront.net name */
  readonly customDomain?: CustomDomain;
  /** @default playback everywhere */
  readonly geoRestriction?: GeoRestriction;
  /**
   * An AWS WAF web ACL in front of the distribution.
   * @default no web ACL
   */
  readonly firewall?: WebFirewallOptions;
  /**
   * Signed-URL public keys (PEM) by name.
   * @default none: playback is open to anyone with the URL
   */
  readonly publicKeys?: Readonly<Record<string, string>>;
}

const DEFAULT_FAILOVER_STATUS_CODES = [404, 500, 502, 503, 504];

/** Origin timings and manifest TTLs, in seconds. */
interface CdnTiming {
  readonly manifestDefaultTtl: number;
  readonly manifestMaxTtl: number;
  readonly connectionTimeout: number;
  readonly readTimeout: number;
  readonly keepaliveTimeout: number;
}

/**
 * CloudFront in front of MediaPackage v2: signed origin requests (origin access control), endpoint
 * policies that admit only this distribution, cache rules derived from the segment length, CORS
 * for browser players, HTTPS only, and optional access logs in a private, encrypted bucket.
 */
export class Delivery extends Construct {
  public readonly distribution: CloudfrontDistribution;
  public readonly originAccessControl: CloudfrontOriginAccessControl;
  public readonly manifestCachePolicy: CloudfrontCachePolicy;
  public readonly segmentCachePolicy: CloudfrontCachePolicy;
  public readonly logBucket?: S3Bucket;
  public readonly firewall?: WebFirewall;
  public readonly signedUrlKeys?: SignedUrlKeys;
  /** The host name viewers use: the custom domain when configured, else the distribution's. */
  public readonly playbackDomain: string;
  /** Playback URLs: `<endpoint>/<manifest kind>` → URL. */
  public readonly playbackUrls: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    const { naming } = props;
    const channelName = props.channelName ?? PACKAGER_CHANNEL;
    const segment = props.segmentDurationSeconds ?? 4;
    const startoverWindowSeconds = props.startoverWindowSeconds ?? 1209600;
    const failoverStatusCodes = props.failoverStatusCodes ?? DEFAULT_FAILOVER_STATUS_CODES;
    const corsAllowedOrigins = props.corsAllowedOrigins ?? ["*"];
    const priceClass = props.priceClass ?? "PriceClass_All";
    const logRetentionDays = props.accessLogs ? (props.accessLogs.retentionDays ?? 90) : undefined;
    const publicKeys = props.publicKeys ?? {};
    const domain = props.customDomain;
    validate(props, failoverStatusCodes);

    const timing = cdnTiming(segment, props.lowLatencyPartSeconds);
    this.originAccessControl = new CloudfrontOriginAccessControl(this, "OriginAccessControl", {
      name: naming.name("mediapackage"),
      description: "CloudFront signs every request to MediaPackage v2 (SigV4)",
      originAccessControlOriginType: "mediapackagev2",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    this.manifestCachePolicy = this.createManifestCachePolicy(naming, segment, timing, startoverWindowSeconds > 0);
    this.segmentCachePolicy = this.createSegmentCachePolicy(naming);
    const headers = this.createResponseHeadersPolicy(naming, corsAllowedOrigins);

    // An existing certificate, or one created and DNS-validated in the hosted zone.
    const certificateArn =
      domain?.certificateArn ?? (domain?.hostedZoneId ? new PlaybackCertificate(this, "Certificate", { naming, domainName: domain.domainName, hostedZoneId: domain.hostedZoneId }).certificateArn : undefined);
    if (props.firewall) this.firewall = new WebFirewall(this, "Firewall", { naming, ...props.firewall });
    if (Object.keys(publicKeys).length > 0) this.signedUrlKeys = new SignedUrlKeys(this, "SignedUrls", { naming, publicKeys });

    this.distribution = this.createDistribution(props, {
      timing,
      priceClass,
      failoverStatusCodes,
      certificateArn,
      responseHeadersPolicyId: headers.id,
    });
    this.playbackDomain = domain?.domainName ?? this.distribution.domainName;
    if (domain?.hostedZoneId) this.createDomainRecords(domain.domainName, domain.hostedZoneId);
    this.admitOnlyThisDistribution(props.origins, props.endpoints, props.channelGroupName, channelName);
    if (logRetentionDays !== undefined) this.logBucket = this.createAccessLogs(naming, props.account, logRetentionDays);
    this.playbackUrls = playbackUrls(this.playbackDomain, props.channelGroupName, channelName, props.endpoints);
  }

  /** Manifests: cached for half a segment, keyed on the query strings players and MediaPackage use. */
  private createManifestCachePolicy(naming: Naming, segment: number, timing: CdnTiming, timeShift: boolean): CloudfrontCachePolicy {
    const queryStrings = timeShift ? [...MANIFEST_QUERY_STRINGS, TIME_SHIFT_QUERY_STRING] : [...MANIFEST_QUERY_STRINGS];
    return new CloudfrontCachePolicy(this, "ManifestCachePolicy", {
      name: naming.name("manifests"),
      comment: `Manifests: ${timing.manifestDefaultTtl} s default TTL for ${segment} s segments; low-latency HLS query strings in the key`,
      minTtl: 1,
      defaultTtl: timing.manifestDefaultTtl,
      maxTtl: timing.manifestMaxTtl,
      parametersInCacheKeyAndForwardedToOrigin: {
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: queryStrings } },
      },
    });
  }

  /** Segments never change once written. */
  private createSegmentCachePolicy(naming: Naming): CloudfrontCachePolicy {
    return new CloudfrontCachePolicy(this, "SegmentCachePolicy", {
      name: naming.name("segments"),
      comment: "Segments never change once written: cache them for a day",
      minTtl: 1,
      defaultTtl: 86400,
      maxTtl: 31536000,
      parametersInCacheKeyAndForwardedToOrigin: {
        enableAcceptEncodingGzip: false,
        enableAcceptEncodingBrotli: false,
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: SEGMENT_QUERY_STRINGS } },
      },
    });
  }

  /** CORS for browser players, and HSTS. */
  private createResponseHeadersPolicy(naming: Naming, corsAllowedOrigins: readonly string[]): CloudfrontResponseHeadersPolicy {
    return new CloudfrontResponseHeadersPolicy(this, "ResponseHeadersPolicy", {
      name: naming.name("playback-headers"),
      comment: "CORS for browser players and HSTS",
      corsConfig: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: { items: ["*"] },
        accessControlAllowMethods: { items: ["GET", "HEAD", "OPTIONS"] },
        accessControlAllowOrigins: { items: [...corsAllowedOrigins] },
        accessControlMaxAgeSec: 86400,
        originOverride: true,
      },
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
      },
    });
  }

  /** The distribution: one origin per region, a failover group over the first two, HTTPS only. */
  private createDistribution(
    props: DeliveryProps,
    parts: { timing: CdnTiming; priceClass: PriceClass; failoverStatusCodes: readonly number[]; certificateArn?: string; responseHeadersPolicyId: string },
  ): CloudfrontDistribution {
    const { naming, customDomain: domain, geoRestriction: geo } = props;
    // CloudFront origin groups hold exactly two origins: the primary region and the next one.
    const failover = props.origins.length >= 2;
    const target = failover ? FAILOVER_GROUP : originId(props.origins[0].region);
    const behaviour = (cachePolicyId: string, compress: boolean) => ({
      targetOriginId: target,
      trustedKeyGroups: this.signedUrlKeys ? [this.signedUrlKeys.keyGroup.id] : undefined,
      viewerProtocolPolicy: "https-only",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      cachedMethods: ["GET", "HEAD", "OPTIONS"],
      cachePolicyId,
      responseHeadersPolicyId: parts.responseHeadersPolicyId,
      compress,
    });

    return new CloudfrontDistribution(this, "Distribution", {
      comment: `${naming.event} live playback`,
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: parts.priceClass,
      aliases: domain ? [domain.domainName] : undefined,
      webAclId: this.firewall?.webAcl.arn,
      origin: distributionOrigins(props.origins, this.originAccessControl.id, parts.timing, props.originShieldRegion),
      // No selection_criteria (CloudFront's media-quality-based origin selection) in hashicorp/aws
      // 5.100.0; hashicorp/terraform-provider-aws#46438 adds it. See docs/ingest.md.
      originGroup: failover
        ? [
            {
              originId: FAILOVER_GROUP,
              failoverCriteria: { statusCodes: [...parts.failoverStatusCodes] },
              member: props.origins.slice(0, 2).map((o) => ({ originId: originId(o.region) })),
            },
          ]
        : undefined,
      defaultCacheBehavior: behaviour(this.segmentCachePolicy.id, false),
      orderedCacheBehavior: [
        { pathPattern: "*.m3u8", ...behaviour(this.manifestCachePolicy.id, true) },
        { pathPattern: "*.mpd", ...behaviour(this.manifestCachePolicy.id, true) },
      ],
      customErrorResponse: ERROR_CODES.map((errorCode) => ({ errorCode, errorCachingMinTtl: 1 })),
      restrictions: {
        geoRestriction: geo
          ? { restrictionType: geo.mode === "allow" ? "whitelist" : "blacklist", locations: [...geo.countries].sort() }
          : { restrictionType: "none" },
      },
      // The default *.cloudfront.net certificate cannot raise the minimum TLS version; a custom
      // domain's certificate gets TLS 1.2 (2021 cipher suites) and SNI.
      viewerCertificate: parts.certificateArn
        ? { acmCertificateArn: parts.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
        : { cloudfrontDefaultCertificate: true },
    });
  }

  /** A and AAAA alias records from the custom domain to the distribution. */
  private createDomainRecords(domainName: string, hostedZoneId: string): void {
    for (const type of ["A", "AAAA"]) {
      new Route53Record(this, `DomainRecord${type}`, {
        zoneId: hostedZoneId,
        name: domainName,
        type,
        alias: { name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
      });
    }
  }

  /** Each region's endpoints admit only this distribution, and only to read. */
  private admitOnlyThisDistribution(origins: readonly DeliveryOrigin[], endpoints: readonly DeliveryEndpoint[], channelGroupName: string, channelName: string): void {
    for (const origin of origins) {
      for (const ep of endpoints) {
        const document = new DataAwsIamPolicyDocument(this, `EndpointPolicyDocument-${origin.region}-${ep.name}`, {
          statement: [
            {
              sid: "AllowOnlyThisDistribution",
              actions: ["mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"],
              principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
              resources: [origin.endpointArns[ep.name]],
              condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [this.distribution.arn] }],
            },
          ],
        });
        new Mediapackagev2OriginEndpointPolicy(this, `EndpointPolicy-${origin.region}-${ep.name}`, {
          provider: origin.awsccProvider,
          channelGroupName,
          channelName,
          originEndpointName: ep.name,
          policy: document.json,
        });
      }
    }
  }

  /** CloudFront access logs (standard logging v2) into a private, encrypted, expiring bucket. */
  private createAccessLogs(naming: Naming, identity: AccountContext, retentionDays: number): S3Bucket {
    const { accountId: account, partition } = identity;
    const bucket = new S3Bucket(this, "LogBucket", { bucketPrefix: naming.prefixFor("cdn-logs", 37), forceDestroy: false });
    new S3BucketPublicAccessBlock(this, "LogBucketPublicAccess", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "LogBucketOwnership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfiguration(this, "LogBucketEncryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "LogBucketLifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    const policy = new DataAwsIamPolicyDocument(this, "LogBucketPolicyDocument", {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          principals: [{ type: "*", identifiers: ["*"] }],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
          sid: "AllowCloudFrontLogDelivery",
          actions: ["s3:PutObject"],
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          resources: [`${bucket.arn}/*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:logs:${CLOUDFRONT_REGION}:${account}:delivery-source:*`] },
          ],
        },
      ],
    });
    const bucketPolicy = new S3BucketPolicy(this, "LogBucketPolicy", { bucket: bucket.id, policy: policy.json });

    const source = new CloudwatchLogDeliverySource(this, "LogDeliverySource", {
      name: naming.name("cdn-access-logs"),
      logType: "ACCESS_LOGS",
      resourceArn: this.distribution.arn,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, "LogDeliveryDestination", {
      name: naming.name("cdn-access-logs-s3"),
      outputFormat: "json",
      deliveryDestinationConfiguration: [{ destinationResourceArn: bucket.arn }],
    });
    new CloudwatchLogDelivery(this, "LogDelivery", {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      dependsOn: [bucketPolicy],
    });
    return bucket;
  }
}

const FAILOVER_GROUP = "mediapackage-failover";

/**
 * Timing derived from the segment length. A manifest changes once a segment, so caching it for
 * half a segment bounds staleness to half a segment while absorbing request bursts; a manifest is
 * never cached longer than one segment. The origin gets half a segment to connect and answer, but
 * at least 2 s to read, and keeps connections a little longer than the request interval.
 */
function cdnTiming(segment: number, lowLatencyPartSeconds?: number): CdnTiming {
  const halfSegment = Math.ceil(segment / 2);
  return {
    manifestDefaultTtl: halfSegment,
    manifestMaxTtl: segment,
    connectionTimeout: Math.min(10, halfSegment),
    readTimeout: originReadTimeout(segment, lowLatencyPartSeconds),
    keepaliveTimeout: Math.min(60, segment + 1),
  };
}

/** One custom origin per region: HTTPS only, signed by the origin access control. */
function distributionOrigins(origins: readonly DeliveryOrigin[], originAccessControlId: string, timing: CdnTiming, originShieldRegion?: string): CloudfrontDistributionOrigin[] {
  return origins.map((o) => ({
    originId: originId(o.region),
    domainName: o.egressDomain,
    originAccessControlId,
    connectionAttempts: 3,
    connectionTimeout: timing.connectionTimeout,
    customOriginConfig: {
      httpPort: 80,
      httpsPort: 443,
      originProtocolPolicy: "https-only",
      originSslProtocols: ["TLSv1.2"],
      originReadTimeout: timing.readTimeout,
      originKeepaliveTimeout: timing.keepaliveTimeout,
    },
    originShield: originShieldRegion ? { enabled: true, originShieldRegion } : undefined,
  }));
}

/** `<endpoint>/<manifest kind>` → the URL viewers play. */
function playbackUrls(domain: string, channelGroupName: string, channelName: string, endpoints: readonly DeliveryEndpoint[]): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const ep of endpoints) {
    for (const kind of ep.manifests) {
      const m = MANIFESTS[kind];
      urls[`${ep.name}/${kind}`] = `https://${domain}/out/v1/${channelGroupName}/${channelName}/${ep.name}/${m.name}.${m.extension}`;
    }
  }
  return urls;
}

/** Inputs CloudFront would refuse, or that would leave a policy or a path without its target. */
function validate(props: DeliveryProps, failoverStatusCodes: readonly number[]): void {
  const fail = (text: string) => {
    throw new Error(`Delivery: ${text}`);
  };
  if (props.origins.length === 0) fail("origins is empty; give at least the primary region's packager");
  if (props.endpoints.length === 0) fail("endpoints is empty; give the packagers' endpoints to serve");
  const lowLatency = props.endpoints.filter((ep) => ep.manifests.includes("lowLatencyHls")).map((ep) => ep.name);
  if (lowLatency.length > 0 && props.lowLatencyPartSeconds === undefined) fail(`endpoints ${lowLatency.join(", ")} serve low-latency HLS but lowLatencyPartSeconds is not given; give the part length (MediaLive's ingest segment) so the origin read timeout outlasts a blocking playlist reload`);
  for (const origin of props.origins) {
    const missing = props.endpoints.filter((ep) => !(ep.name in origin.endpointArns)).map((ep) => ep.name);
    if (missing.length > 0) fail(`origin ${origin.region} has no endpoint ARN for ${missing.join(", ")} (got ARNs for ${JSON.stringify(Object.keys(origin.endpointArns))}); every origin needs every endpoint`);
  }
  // An origin group's failover criteria need at least one status code.
  // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginGroupFailoverCriteria.html
  if (props.origins.length >= 2 && failoverStatusCodes.length === 0) fail("failoverStatusCodes is empty with two origins; name the status codes on which CloudFront retries the next region, or leave it out for the default");
  const domain = props.customDomain;
  if (domain) {
    // A distribution with aliases needs a certificate for them:
    // https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudfront/aws.sdk.kotlin.services.cloudfront.model/-viewer-certificate/cloud-front-default-certificate.html
    if (!domain.hostedZoneId && !domain.certificateArn) {
      fail(`customDomain ${domain.domainName} has neither hostedZoneId (to create and validate a certificate and the DNS records) nor certificateArn (an existing certificate)`);
    }
    const certificateRegion = domain.certificateArn && !Token.isUnresolved(domain.certificateArn) ? domain.certificateArn.split(":")[3] : undefined;
    if (certificateRegion !== undefined && certificateRegion !== CLOUDFRONT_REGION) {
      fail(`customDomain.certificateArn is in ${certificateRegion}, but CloudFront uses certificates from ${CLOUDFRONT_REGION} only (got ${domain.certificateArn})`);
    }
  }
}

/**
 * How long CloudFront waits for the origin's answer. Without low-latency HLS, half a segment (at
 * least 2 s). With it, a player's blocking playlist reload (`_HLS_msn`/`_HLS_part`) is held by the
 * origin until the next part exists, normally within one part; when the part does not come, the
 * HLS specification lets the server hold it for up to three target durations (the segment length)
 * before answering 503. The timeout covers that hold, so CloudFront relays MediaPackage's own
 * answer instead of timing out with a 504 first, within CloudFront's 60 s default limit.
 * https://datatracker.ietf.org/doc/html/draft-pantos-hls-rfc8216bis#section-6.2.5.2
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#DownloadDistValuesOriginResponseTimeout
 */
export function originReadTimeout(segmentSeconds: number, lowLatencyPartSeconds?: number): number {
  const base = Math.max(2, Math.ceil(segmentSeconds / 2));
  if (lowLatencyPartSeconds === undefined) return Math.min(60, base);
  // The hold plus one part for the answer itself to arrive.
  return Math.min(60, Math.max(base, Math.ceil(3 * segmentSeconds + lowLatencyPartSeconds)));
}

function originId(region: string): string {
  return `mediapackage-${region}`;
}
