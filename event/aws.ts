// Every AWS call goes through `call`: bounded retries with backoff on throttling, and errors turned
// into one line that says what was being done, where, and (for a permission error) which IAM
// action is missing. Clients come from the standard credential chain; nothing is stored.
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { MediaConnectClient } from "@aws-sdk/client-mediaconnect";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { MediaPackageV2Client } from "@aws-sdk/client-mediapackagev2";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { CLOUDFRONT_REGION } from "../modules/delivery/region";
import type { Runtime } from "./runtime";

/** One client per service and region, created on first use. */
export interface Clients {
  mediaconnect(region: string): MediaConnectClient;
  medialive(region: string): MediaLiveClient;
  mediapackage(region: string): MediaPackageV2Client;
  cloudwatch(region: string): CloudWatchClient;
  /** CloudFront is global; its API is served from us-east-1. */
  cloudfront(): CloudFrontClient;
  secretsmanager(region: string): SecretsManagerClient;
  ssm(region: string): SSMClient;
}

/**
 * No call may hang: a connection must open within 5 s and an answer arrive within 30 s (the SDK's
 * own retries then apply). Options of the SDK's Node.js request handler:
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
 */
const HTTP = { requestHandler: { connectionTimeout: 5000, requestTimeout: 30000 } };

/**
 * Real clients: region per call, credentials from the default provider chain (env, profile, SSO, role).
 * Each SDK package is loaded with its first client (the seven take about a second to load), so a
 * command refused before it calls AWS loads none of them.
 */
export function sdkClients(): Clients {
  const cache = new Map<string, unknown>();
  const get = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    mediaconnect: (region) => get(`mediaconnect/${region}`, () => new (require("@aws-sdk/client-mediaconnect") as typeof import("@aws-sdk/client-mediaconnect")).MediaConnectClient({ region, ...HTTP })),
    medialive: (region) => get(`medialive/${region}`, () => new (require("@aws-sdk/client-medialive") as typeof import("@aws-sdk/client-medialive")).MediaLiveClient({ region, ...HTTP })),
    mediapackage: (region) => get(`mediapackagev2/${region}`, () => new (require("@aws-sdk/client-mediapackagev2") as typeof import("@aws-sdk/client-mediapackagev2")).MediaPackageV2Client({ region, ...HTTP })),
    cloudwatch: (region) => get(`cloudwatch/${region}`, () => new (require("@aws-sdk/client-cloudwatch") as typeof import("@aws-sdk/client-cloudwatch")).CloudWatchClient({ region, ...HTTP })),
    cloudfront: () => get("cloudfront", () => new (require("@aws-sdk/client-cloudfront") as typeof import("@aws-sdk/client-cloudfront")).CloudFrontClient({ region: CLOUDFRONT_REGION, ...HTTP })),
    secretsmanager: (region) => get(`secretsmanager/${region}`, () => new (require("@aws-sdk/client-secrets-manager") as typeof import("@aws-sdk/client-secrets-manager")).SecretsManagerClient({ region, ...HTTP })),
    ssm: (region) => get(`ssm/${region}`, () => new (require("@aws-sdk/client-ssm") as typeof import("@aws-sdk/client-ssm")).SSMClient({ region, ...HTTP })),
  };
}

/** What a call does, for messages: `mediaconnect:StartFlow` on a resource in a region. */
export interface CallSite {
  /** IAM service prefix, e.g. `mediaconnect`, `medialive`, `mediapackagev2`. */
  readonly service: string;
  /** API action, which is also the IAM action name. */
  readonly action: string;
  readonly region: string;
  /** ARN or name, shown in messages. */
  readonly resource?: string;
}

export class AwsError extends Error {
  constructor(
    message: string,
    public readonly kind: "denied" | "throttled" | "not-found" | "credentials" | "other",
    public readonly site: CallSite,
  ) {
    super(message);
  }
}

/** Attempts on throttling, in all (the SDK's own retries come first, inside each attempt). */
export const THROTTLE_ATTEMPTS = 6;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 20000;

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function isThrottling(e: SdkErrorLike): boolean {
  return (
    Boolean(e.$retryable?.throttling) ||
    e.$metadata?.httpStatusCode === 429 ||
    ["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "ThrottledException"].includes(e.name ?? "")
  );
}

function isDenied(e: SdkErrorLike): boolean {
  return ["AccessDeniedException", "AccessDenied", "ForbiddenException", "UnauthorizedOperation", "UnauthorizedException"].includes(e.name ?? "") || e.$metadata?.httpStatusCode === 403;
}

function isNotFound(e: SdkErrorLike): boolean {
  return ["NotFoundException", "ResourceNotFoundException", "NoSuchDistribution", "ParameterNotFound"].includes(e.name ?? "") || e.$metadata?.httpStatusCode === 404;
}

function isCredentials(e: SdkErrorLike): boolean {
  return ["CredentialsProviderError", "ExpiredTokenException", "UnrecognizedClientException", "InvalidSignatureException"].includes(e.name ?? "");
}

function where(site: CallSite): string {
  return `${site.resource ? `${site.resource} ` : ""}in ${site.region}`;
}

/**
 * Run one AWS call. Throttling is retried with exponential backoff and jitter, at most
 * THROTTLE_ATTEMPTS times; every other error becomes an AwsError with a one-line message.
 */
export async function call<T>(rt: Runtime, site: CallSite, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (raw) {
      const e = (raw ?? {}) as SdkErrorLike;
      const said = (e.message ?? String(raw)).split("\n")[0];
      if (isThrottling(e)) {
        if (attempt >= THROTTLE_ATTEMPTS) {
          throw new AwsError(`${site.service}:${site.action} on ${where(site)} is still throttled after ${attempt} attempts: try again in a minute (AWS said: ${said})`, "throttled", site);
        }
        const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
        await rt.sleep(Math.round(cap / 2 + (rt.random() * cap) / 2));
        continue;
      }
      // Before the permission check: an unknown or expired key is answered with 403 too.
      if (isCredentials(e)) {
        throw new AwsError(`no usable AWS credentials for ${site.region}: set AWS_PROFILE or sign in (aws sso login) and try again (AWS said: ${said})`, "credentials", site);
      }
      if (isDenied(e)) {
        throw new AwsError(
          `permission denied: ${site.service}:${site.action} on ${where(site)}; allow the action ${site.service}:${site.action} for the identity running this command (AWS said: ${said})`,
          "denied",
          site,
        );
      }
      if (isNotFound(e)) throw new AwsError(`${site.service}:${site.action}: ${site.resource ?? "resource"} does not exist in ${site.region} (AWS said: ${said})`, "not-found", site);
      throw new AwsError(`${site.service}:${site.action} on ${where(site)} failed: ${e.name ?? "Error"}: ${said}`, "other", site);
    }
  }
}
