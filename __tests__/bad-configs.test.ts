import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadEvent } from "../config/load";
import { synthesizeChecked } from "../synth/driver";
import { FIXTURES_DIR, PROFILES_DIR } from "./support/project";

// The bad-input corpus: one invalid event configuration per file, each with the exact lines a
// user sees. Every file goes through what `npm run synth` does (load, then the policy-gated
// synthesis for the few that load, like waivers that waive nothing) and must end in a
// ConfigError: never an exception, never a written cdktf.out.

const DIR = path.join(FIXTURES_DIR, "bad-configs");

/** The shipped profiles (for the unknown-profile message): the data files beside them are not offered. */
const AVAILABLE_PROFILES = "HD-1080p, HD-720p, SD-540p, imported-avc-1080p, imported-hevc-2160p";

const EXPECTED: Record<string, string[]> = {
  // JSON that does not parse
  "syntax-comma.json": ['syntax-comma.json: invalid JSON at line 4, column 3: a comma is missing before the key "contribution"'],
  "syntax-trailing-comma.json": [
    "syntax-trailing-comma.json: invalid JSON at line 4, column 80: a comma after the last entry of an object; remove it",
  ],
  "syntax-unclosed.json": [
    "syntax-unclosed.json: invalid JSON at line 5, column 1: the file ends before the JSON is complete: a closing } is missing",
  ],
  "syntax-comment.json": ["syntax-comment.json: invalid JSON at line 2, column 3: JSON has no comments; remove the comment"],
  "syntax-single-quotes.json": [
    "syntax-single-quotes.json: invalid JSON at line 2, column 22: strings and keys take double quotes, not single quotes",
  ],
  "syntax-list-comma.json": [
    "syntax-list-comma.json: invalid JSON at line 3, column 27: a comma is missing between items 1 and 2 of /regions",
  ],
  "syntax-unquoted-key.json": ['syntax-unquoted-key.json: invalid JSON at line 2, column 14: keys take double quotes: write "name"'],
  "syntax-open-string.json": [
    "syntax-open-string.json: invalid JSON at line 2, column 22: this string is not closed before the end of the line; add the closing double quote",
  ],
  "syntax-two-objects.json": [
    'syntax-two-objects.json: invalid JSON at line 2, column 1: unexpected "{" after the end of the JSON value: one file holds one object',
  ],
  "empty.json": ["empty.json: invalid JSON at line 1, column 1: the file is empty; it must hold a JSON object"],
  "duplicate-endpoint.json": [
    'duplicate-endpoint.json: /packaging/endpoints has the key "ts" twice (lines 7 and 8); JSON keeps only the last, so rename or merge them',
  ],
  // Numbers as other languages write them, and numbers no JSON reader keeps as written
  "number-hex.json": [
    "number-hex.json: invalid JSON at line 15, column 22: 0x1388 is a hexadecimal number, which JSON does not have; write it in decimal: 5000",
  ],
  "number-leading-zero.json": [
    "number-leading-zero.json: invalid JSON at line 15, column 22: 05000 starts with a zero, which JSON numbers cannot (it is not octal either); write 5000",
  ],
  "number-infinite.json": [
    "number-infinite.json: /contribution/mediaconnect/primaryPort is too large for a number: it would be read as Infinity (got 1e400)",
  ],
  "number-huge-integer.json": [
    "number-huge-integer.json: /contribution/mediaconnect/primaryPort is a whole number above 9007199254740991, which no reader keeps exactly (got 50000000000000000001)",
  ],
  // Files that are not UTF-8 text, and JSON nested deeper than any configuration
  "encoding-utf16.json": ["encoding-utf16.json: the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8"],
  "encoding-utf16-no-bom.json": [
    "encoding-utf16-no-bom.json: the file holds a NUL byte at line 1, column 2: it is not text, or UTF-16 without a byte order mark; save it as UTF-8",
  ],
  "encoding-latin1.json": ["encoding-latin1.json: invalid UTF-8 at line 4, column 24 (byte 0xe9); save the file as UTF-8"],
  "nesting-deep.json": ["nesting-deep.json: invalid JSON at line 3, column 267: the JSON is nested more than 256 levels deep"],
  // The document is not an object
  "not-object.json": ['not-object.json: / must be an object (got ["eu-west-1"])'],
  "null.json": ["null.json: / must be an object (got null)"],
  // Missing required keys
  "missing-event.json": ['missing-event.json: / is missing the required key "event"'],
  "missing-name.json": ['missing-name.json: /event is missing the required key "name"'],
  "missing-regions.json": ['missing-regions.json: / is missing the required key "regions"'],
  "missing-contribution.json": ['missing-contribution.json: / is missing the required key "contribution"'],
  "endpoints-none.json": ["endpoints-none.json: /packaging/endpoints must have at least 1 entry (got 0)"],
  "missing-protocol.json": ['missing-protocol.json: /contribution/mediaconnect is missing the required key "protocol"'],
  "missing-container.json": ['missing-container.json: /packaging/endpoints/ts is missing the required key "container"'],
  "missing-secret-arn.json": ['missing-secret-arn.json: /contribution/mediaconnect/decryption is missing the required key "secretArn"'],
  "missing-mediaconnect.json": [
    'missing-mediaconnect.json: /contribution is missing the key "mediaconnect", which contribution.type MEDIACONNECT needs',
  ],
  "missing-allowlist.json": [
    'missing-allowlist.json: /contribution is missing the key "allowlistCidrs", which contribution.type RTP_PUSH needs (the networks your encoders send from)',
  ],
  "missing-backup-urls.json": ['missing-backup-urls.json: /contribution/pull is missing the required key "backupUrls"'],
  // Wrong types
  "type-start.json": ['type-start.json: /channel/start must be a boolean (got "yes")'],
  "type-regions.json": ['type-regions.json: /regions must be an array (got "eu-west-1")'],
  "type-port.json": ['type-port.json: /contribution/mediaconnect/primaryPort must be an integer (got "5000")'],
  "type-segment.json": ["type-segment.json: /packaging/segmentDurationSeconds must be an integer (got 4.5)"],
  "type-tag.json": ["type-tag.json: /tags/Season must be a string (got 2026)"],
  "type-endpoints.json": ['type-endpoints.json: /packaging/endpoints must be an object (got [{"container":"TS"}])'],
  "type-name.json": ["type-name.json: /event/name must be a string (got 42)"],
  // Unknown keys
  "unknown-event-key.json": [
    "unknown-event-key.json: /event/title is not a known key (allowed: name, description, environment, costCentre)",
  ],
  "unknown-failover-key.json": [
    "unknown-failover-key.json: /channel/inputFailover/inputLossMs is not a known key (allowed: preference, errorClearTimeMs, inputLossThresholdMs, videoBlackThresholdMs, audioSilenceThresholdMs, conditions)",
  ],
  "unknown-rtmp-key.json": ["unknown-rtmp-key.json: /contribution/rtmpPush/streamKey is not a known key (allowed: applicationName)"],
  "unknown-policy-key.json": ["unknown-policy-key.json: /policy/waiver is not a known key (allowed: waivers)"],
  "unknown-password-key.json": [
    "unknown-password-key.json: /contribution/pull/password is not a known key (allowed: primaryUrls, backupUrls, username, passwordParameter)",
  ],
  // Bad CIDRs
  "cidr-prefix.json": [
    'cidr-prefix.json: /contribution/allowlistCidrs/0 must be an IPv4 CIDR block such as 203.0.113.0/24 (got "198.51.100.0/33")',
  ],
  "cidr-octet.json": [
    'cidr-octet.json: /contribution/allowlistCidrs/0 must be an IPv4 CIDR block such as 203.0.113.0/24 (got "198.51.100.256/24")',
  ],
  "cidr-no-prefix.json": [
    'cidr-no-prefix.json: /contribution/allowlistCidrs/0 must be an IPv4 CIDR block such as 203.0.113.0/24 (got "198.51.100.7")',
  ],
  "cidr-host-bits.json": [
    'cidr-host-bits.json: /contribution/allowlistCidrs/0 has host bits set; did you mean 198.51.100.0/24? (got "198.51.100.7/24")',
  ],
  "cidr-ipv6.json": [
    'cidr-ipv6.json: /contribution/allowlistCidrs/0 must be an IPv4 CIDR block such as 203.0.113.0/24 (got "2001:db8::/32")',
  ],
  "cidr-second-source.json": [
    'cidr-second-source.json: /contribution/mediaconnect/secondSource/allowlistCidr has host bits set; did you mean 203.0.113.0/28? (got "203.0.113.9/28")',
  ],
  "cidr-two.json": [
    "cidr-two.json: /contribution/allowlistCidrs has 2 entries, but a MediaConnect source accepts exactly one CIDR; use one block that covers your encoders, or add mediaconnect.secondSource with its own",
  ],
  "cidr-none.json": ["cidr-none.json: /contribution/allowlistCidrs must have at least 1 item (got 0)"],
  // Bad ARNs
  "arn-not-arn.json": [
    "arn-not-arn.json: /contribution/mediaconnect/decryption/secretArn must be a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-passphrase-AbCdEf (the value is not shown: it may be a secret)",
  ],
  "arn-ssm.json": [
    "arn-ssm.json: /contribution/mediaconnect/decryption/secretArn must be a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-passphrase-AbCdEf (the value is not shown: it may be a secret)",
  ],
  "arn-account.json": [
    "arn-account.json: /contribution/mediaconnect/decryption/secretArn must be a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-passphrase-AbCdEf (the value is not shown: it may be a secret)",
  ],
  "arn-region.json": [
    "arn-region.json: /contribution/mediaconnect/decryption/secretArn is in us-east-1, but MediaConnect reads secrets from the flow's own region eu-west-1 (got \"arn:aws:secretsmanager:us-east-1:123456789012:secret:bad-input/srt-AbCdEf\")",
  ],
  "password-value.json": [
    "password-value.json: /contribution/pull/passwordParameter must be the name of an SSM SecureString parameter holding the password (never the password itself) (the value is not shown: it may be a secret)",
  ],
  // Ports
  "port-low.json": ["port-low.json: /contribution/mediaconnect/primaryPort must be >= 1024 (got 80)"],
  "port-high.json": ["port-high.json: /contribution/mediaconnect/backupPort must be <= 64000 (got 65000)"],
  "port-negative.json": ["port-negative.json: /contribution/mediaconnect/primaryPort must be >= 1024 (got -5000)"],
  "port-fraction.json": ["port-fraction.json: /contribution/mediaconnect/primaryPort must be an integer (got 5000.5)"],
  "ports-equal.json": [
    "ports-equal.json: /contribution/mediaconnect uses ports 5000 and 5000, which overlap; choose ports further apart",
  ],
  "ports-fec.json": [
    "ports-fec.json: /contribution/mediaconnect uses ports 5000 and 5002, which overlap (rtp-fec also uses port+2 and port+4); choose ports further apart",
  ],
  "port-fec-top.json": [
    "port-fec-top.json: /contribution/mediaconnect/primaryPort leaves no room for the FEC ports (port+2, port+4 must stay at or below 64000)",
  ],
  "ports-second-source.json": [
    "ports-second-source.json: /contribution/mediaconnect uses ports 5001 and 5001, which overlap; choose ports further apart",
  ],
  "ports-zixi.json": [
    "ports-zixi.json: /contribution/mediaconnect sets ports, but zixi-push sources always listen on port 2088; remove primaryPort and backupPort",
  ],
  // Duplicates
  "duplicate-regions.json": ["duplicate-regions.json: /regions must not repeat items (items 0 and 2 are equal)"],
  "duplicate-cidrs.json": ["duplicate-cidrs.json: /contribution/allowlistCidrs must not repeat items (items 0 and 1 are equal)"],
  "duplicate-devices.json": [
    "duplicate-devices.json: /contribution/inputDevices uses a device twice; the primary and backup inputs need different devices",
  ],
  "duplicate-conditions.json": [
    "duplicate-conditions.json: /channel/inputFailover/conditions must not repeat items (items 2 and 0 are equal)",
  ],
  // Regions
  "region-unknown.json": [
    'region-unknown.json: /regions/0 must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2" (got "mars-1")',
  ],
  "region-typo.json": [
    'region-typo.json: /regions/0 must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2" (got "eu-west1")',
  ],
  "region-none.json": ["region-none.json: /regions must have at least 1 item (got 0)"],
  "region-az-key.json": [
    'region-az-key.json: /contribution/mediaconnect/availabilityZones key "eu-west-9" is not allowed: a key must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2"',
  ],
  "region-az-other.json": [
    'region-az-other.json: /contribution/mediaconnect/availabilityZones/eu-west-1/1 is not an Availability Zone of eu-west-1 (got "us-east-1b")',
  ],
  "region-shield.json": [
    'region-shield.json: /delivery/originShieldRegion must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2" (got "eu-south-1")',
  ],
  // Profiles
  "profile-unknown.json": [
    `profile-unknown.json: /channel/encodingProfile names no profile in encoding-profiles/ (got "UHD-2160p"; available: ${AVAILABLE_PROFILES})`,
  ],
  "profile-path.json": [
    'profile-path.json: /channel/encodingProfile must be the name of a profile in encoding-profiles/ (got "../config/default")',
  ],
  // Contradictory settings
  "epoch-scte35.json": [
    "epoch-scte35.json: /channel/outputLocking EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false, use PIPELINE_LOCKING, or use CMAF ingest (a CMAF Ingest group carries SCTE-35 as its own track)",
  ],
  "single-locking.json": [
    "single-locking.json: /channel/outputLocking PIPELINE_LOCKING needs a STANDARD channel (a SINGLE_PIPELINE channel has nothing to lock against); use DISABLED",
  ],
  "merge-srt.json": [
    "merge-srt.json: /contribution/mediaconnect/secondSource/failoverMode MERGE needs two packet-identical RTP or RIST sources (SMPTE 2022-7); use FAILOVER with protocol srt-listener",
  ],
  "dash-ts.json": ["dash-ts.json: /packaging/endpoints/ts/dash needs container CMAF (DASH is not served from TS segments)"],
  "decrypt-rtp.json": [
    "decrypt-rtp.json: /contribution/mediaconnect/decryption is not supported for protocol rtp; MediaConnect decrypts only srt-listener and zixi-push sources",
  ],
  "pull-on-mediaconnect.json": [
    "pull-on-mediaconnect.json: /contribution/pull is not used by contribution.type MEDIACONNECT; remove it (it is read only for RTMP_PULL, URL_PULL, MP4_FILE, TS_FILE)",
  ],
  "allowlist-on-pull.json": [
    "allowlist-on-pull.json: /contribution/allowlistCidrs is not used by contribution.type URL_PULL; remove it (only MEDIACONNECT and *_PUSH inputs listen)",
  ],
  "pull-count.json": [
    "pull-count.json: /contribution/pull/primaryUrls must list 1 URL, one per pipeline of a SINGLE_PIPELINE channel (got 2)",
    "pull-count.json: /contribution/pull/backupUrls must list 1 URL, one per pipeline of a SINGLE_PIPELINE channel (got 2)",
  ],
  "pull-scheme.json": [
    'pull-scheme.json: /contribution/pull/primaryUrls/1 must be an rtmp:// URL for RTMP_PULL (got "https://a.example.com/live/2.m3u8")',
  ],
  "half-credentials.json": [
    "half-credentials.json: /contribution/pull sets only one of username and passwordParameter; set both or neither",
  ],
  "window-short.json": [
    "window-short.json: /packaging/manifestWindowSeconds must hold at least three segments (36 s with 12 s segments) so players can start (got 30)",
  ],
  "startover-short.json": [
    "startover-short.json: /packaging/startoverWindowSeconds must be at least the manifest window (120 s) (got 90)",
  ],
  "no-manifest.json": ["no-manifest.json: /packaging/endpoints/quiet serves no manifest; turn on hls, lowLatencyHls or dash"],
  // Names and values
  "name-uppercase.json": [
    'name-uppercase.json: /event/name must be lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen (got "Cup_Final")',
  ],
  "name-long.json": [
    'name-long.json: /event/name must be lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen (got "the-saturday-night-cup-final")',
  ],
  "name-logs.json": [
    "name-logs.json: /event/name may have at most 20 characters when delivery.accessLogs.enabled is true: the log bucket's name prefix \"<name>-global-cdn-logs-\" must fit the 37 characters S3 allows (got \"saturday-cup-final-26\", 21 characters)",
  ],
  "environment-case.json": [
    'environment-case.json: /event/environment must be lowercase letters, digits and hyphens, at most 32 characters (got "Production")',
  ],
  "cost-centre-empty.json": [
    'cost-centre-empty.json: /event/costCentre must be a cost-allocation tag value: 1 to 256 letters, digits, spaces or _.:/=+-@ (got "")',
  ],
  "description-long.json": ["description-long.json: /event/description must be at most 200 characters long (got 243 characters)"],
  "cors-http.json": [
    'cors-http.json: /delivery/corsAllowedOrigins/0 must be "*" or an https:// origin such as https://player.example.com (got "http://player.example.com")',
  ],
  "retention-zero.json": ["retention-zero.json: /delivery/accessLogs/retentionDays must be >= 1 (got 0)"],
  // Waivers
  "waiver-unknown-rule.json": [
    'waiver-unknown-rule.json: /policy/waivers/0/rule names no policy rule (got "s3-public"; rules: iam-no-wildcard-action, iam-no-wildcard-resource, iam-no-public-principal, iam-service-principal-scoped, iam-policy-readable, ingest-no-open-cidr, ingest-cidr-from-config, mediapackage-policy-not-public, mediapackage-endpoint-cdn-only, cdn-origin-access-control, cdn-viewer-https, cdn-viewer-tls, cdn-origin-tls, cdn-hsts, s3-public-access-block, s3-encryption, s3-owner-enforced, s3-tls-only, s3-log-lifecycle, sns-encrypted, secrets-by-reference, tags-required, no-private-key-material, waf-logging, drm-key-provider-https)',
  ],
  "waiver-nothing.json": [
    "waiver-nothing.json: /policy/waivers/0 waives nothing: cdn-viewer-https finds no problem on bad-input-cdn/Delivery/Distribution; remove the waiver",
  ],
  "waiver-no-resource.json": [
    'waiver-no-resource.json: /policy/waivers/0/resource names no synthesized resource (got "bad-input-cdn/Delivery/Distributon"); did you mean "bad-input-cdn/Delivery/Distribution"? Use the construct path the policy report prints',
  ],
  "waiver-short-reason.json": ['waiver-short-reason.json: /policy/waivers/0/reason must be at least 20 characters long (got "ok")'],
  "waiver-twice.json": [
    "waiver-twice.json: /policy/waivers/1 repeats /policy/waivers/0 (rule cdn-viewer-tls on bad-input-cdn/Delivery/Distribution)",
  ],
  "waiver-no-reason.json": ['waiver-no-reason.json: /policy/waivers/0 is missing the required key "reason"'],
  // User text that Terraform or cdktf would read as syntax, control characters (docs/bad-input.md)
  "inject-speke-url.json": ["inject-speke-url.json: /packaging/endpoints/ts/encryption/spekeUrl must not contain \"${\": Terraform would read it as an expression, and this value is used as written (got \"https://keys.example.com/${aws_iam_role.encoder.arn}\")"],
  "inject-email.json": ["inject-email.json: /alarms/notifications/0/endpoint must not contain cdktf token syntax \"${TfToken[\": cdktf would replace it with a reference to another resource (got \"ops${TfToken[TOKEN.12]}@example.com\")"],
  "inject-pull-url.json": ["inject-pull-url.json: /contribution/pull/primaryUrls/0 must not contain \"%{\": Terraform would read it as an expression, and this value is used as written (got \"https://a.example.com/%{if}x%{endif}.m3u8\")"],
  "inject-list-token.json": ["inject-list-token.json: /event/description must not contain cdktf token syntax \"#{TfToken[\": cdktf would replace it with a reference to another resource (got \"#{TfToken[TOKEN.3]}\")"],
  "text-control-character.json": ["text-control-character.json: /event/description must not contain control characters such as NUL, tabs or line breaks (U+0000 at character 6) (got \"Final\\u0000 of the cup\")"],
  "text-line-break.json": ["text-line-break.json: /event/description must not contain control characters such as NUL, tabs or line breaks (U+000A at character 10) (got \"Cup final\\nlive\")"],
  "text-line-separator.json": ["text-line-separator.json: /event/description must not contain control characters such as NUL, tabs or line breaks (U+2028 at character 10) (got \"Cup final\\u2028live\")"],
  "text-lone-surrogate.json": ['text-lone-surrogate.json: /event/description holds half of a UTF-16 surrogate pair (\\uD83D at character 11), which is not text; retype the character (got "Cup final \\ud83d live")'],
  // AWS naming rules: tags, S3 bucket names, names the pipeline generates from config values
  "tag-pipeline-key.json": ['tag-pipeline-key.json: /tags key "CostCentre" is set by the pipeline (from event.costCentre) and would replace this value; set it there, or choose another key'],
  "tag-aws-prefix.json": ["tag-aws-prefix.json: /tags key \"aws:cloudformation:stack-name\" is not allowed: the aws: prefix is reserved for tags AWS sets itself"],
  "tag-value-aws-prefix.json": ["tag-value-aws-prefix.json: /tags/Owner must not start with aws:, which is reserved for tags AWS sets itself (got \"AWS:media\")"],
  "tag-value-characters.json": ["tag-value-characters.json: /tags/Owner must be a tag value: at most 256 letters, digits, spaces or _.:/=+-@ (got \"media & ops\")"],
  "bucket-adjacent-periods.json": ["bucket-adjacent-periods.json: /state/s3/bucket has two adjacent periods, which S3 does not allow in a bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) (got \"state..live\")"],
  "bucket-ip.json": ["bucket-ip.json: /state/s3/bucket is formatted as an IP address, which S3 does not allow in a bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) (got \"192.168.5.4\")"],
  "bucket-xn.json": ["bucket-xn.json: /state/s3/bucket starts with the reserved prefix xn--, which S3 does not allow in a bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) (got \"xn--live-state\")"],
  "bucket-alias.json": ["bucket-alias.json: /state/s3/bucket ends with the reserved suffix -s3alias, which S3 does not allow in a bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) (got \"live-state-s3alias\")"],
  "name-log-bucket-prefix.json": ["name-log-bucket-prefix.json: /event/name starts with the reserved prefix xn--; with delivery.accessLogs.enabled the log bucket's name starts with the event name, and S3 does not allow that (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) (got \"xn--final\")"],
  "signed-key-hyphen.json": ["signed-key-hyphen.json: /delivery/signedUrls/publicKeys key \"paywall-\" is not allowed: a key must be a key name: lowercase letters, digits and hyphens, at most 32 characters, starting with a letter and not ending with a hyphen (it becomes part of the CloudFront public key's name <event>-global-key-<name>)"],
  // Every layer at once: a schema error does not hide the profile's or a CIDR's problem
  "layers-all-at-once.json": [
    'layers-all-at-once.json: /event/name must be lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen (got "Bad Input")',
    `layers-all-at-once.json: /channel/encodingProfile names no profile in encoding-profiles/ (got "UHD-2160p"; available: ${AVAILABLE_PROFILES})`,
    'layers-all-at-once.json: /contribution/allowlistCidrs/0 has host bits set; did you mean 198.51.100.0/24? (got "198.51.100.7/24")',
  ],
  // A file that is not there
  "missing.json": ["missing.json: cannot read the file (no such file)"],
};

/** What the CLI would print for a file (before its summary line), plus whether anything was written. */
function problemsOf(name: string): { problems: readonly string[]; leftovers: string[] } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-"));
  try {
    const loaded = loadEvent(path.join(DIR, name), { profilesDir: PROFILES_DIR, display: name });
    const result = synthesizeChecked(loaded, { outdir: path.join(out, "cdktf.out"), display: name });
    throw new Error(`${name} was accepted (policy ${result.written ? "passed" : "failed"}); a corpus file must be a config error`);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { problems: err.problems, leftovers: fs.readdirSync(out) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe("the bad-input corpus", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

  test("holds at least 50 invalid configurations, each with its expected lines", () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual(["missing.json"]);
  });

  test.each(Object.keys(EXPECTED))("%s", (name) => {
    const { problems, leftovers } = problemsOf(name);
    expect(problems).toEqual(EXPECTED[name]);
    // Nothing written: no cdktf.out and no staging folder left beside it.
    expect(leftovers).toEqual([]);
  });

  test("a value pasted where a secret's ARN or parameter name belongs is never printed", () => {
    for (const name of ["arn-not-arn.json", "password-value.json", "unknown-password-key.json"]) {
      const text = fs.readFileSync(path.join(DIR, name), "utf8");
      const secret = name === "password-value.json" ? "hunter2 and more" : "correct-horse-battery-staple";
      expect(text).toContain(secret);
      expect(problemsOf(name).problems.join("\n")).not.toContain(secret);
    }
  });
});
