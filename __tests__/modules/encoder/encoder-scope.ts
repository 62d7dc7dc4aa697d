import * as path from "path";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { Encoder, EncoderProps } from "../../../modules/encoder";
import type { EncodingProfile } from "../../../modules/encoder/profile";
import { Naming } from "../../../modules/naming";
import { loadProfileFile } from "../../../encoding-profiles/profiles";
import { FIXTURES_DIR, PROFILES_DIR } from "../../support/project";

/** A one-rendition AVC ladder written by hand: 2 s GOPs at 25 fps, CBR, one stereo AAC track, no captions. */
export const SMALL_LADDER: EncodingProfile = {
  name: "small",
  description: "one rendition",
  format: "ladder",
  inputSpecification: { codec: "AVC", resolution: "HD", maximumBitrate: "MAX_10_MBPS" },
  inputSpecificationDerived: false,
  video: { codec: "AVC", framerate: { numerator: 25, denominator: 1 }, gopSeconds: 2 },
  renditions: [
    { name: "720p", descriptionName: "video-720p", width: 1280, height: 720, rateControl: "CBR", bitrate: 3_000_000, profile: "HIGH", level: "4.1", bFrames: 3, sceneChangeDetect: true },
  ],
  audio: [{ name: "stereo", descriptionName: "audio-stereo", codec: "AAC", bitrate: 128_000, channels: 2, sampleRate: 48_000, language: "eng" }],
  captions: [],
  outputs: [{ name: "720p", nameModifier: "_720p", video: "720p", audio: ["stereo"], captions: [] }],
  captionLanguages: [],
};

export const ROLE_ARN = "arn:aws:iam::111122223333:role/ev-euw1-medialive";
export const ENDPOINTS = ["https://a.ingest.example/in/v1/ev/1/live/", "https://b.ingest.example/in/v1/ev/2/live/"];

/** Only the props the Encoder requires, with plain input ids. */
export function requiredProps(overrides: Partial<EncoderProps> = {}): EncoderProps {
  return {
    naming: new Naming("ev", "eu-west-1"),
    profile: SMALL_LADDER,
    inputs: { primary: { id: "primary-input-id" }, backup: { id: "backup-input-id" } },
    contributionType: "RTP_PUSH",
    ingestEndpointUrls: ENDPOINTS,
    roleArn: ROLE_ARN,
    ...overrides,
  };
}

/** The Encoder alone in a test scope: the synthesized JSON (for the matchers) and parsed. */
export function synthEncoder(props: EncoderProps | ((scope: Construct) => EncoderProps)): { synthesized: string; json: any; encoder: Encoder } {
  let encoder: Encoder | undefined;
  const synthesized = Testing.synthScope((scope) => {
    encoder = new Encoder(scope, "Encoder", typeof props === "function" ? props(scope) : props);
  });
  return { synthesized, json: JSON.parse(synthesized), encoder: encoder! };
}

/** The only aws_medialive_channel of a synthesized scope. */
export function channelOf(json: any): any {
  const all = Object.values<any>(json.resource?.aws_medialive_channel ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one aws_medialive_channel, found ${all.length}`);
  return all[0];
}

/** A shipped profile (encoding-profiles/) or a valid fixture profile, loaded and checked the way the loader does. */
export function profileNamed(name: string, where: "shipped" | "fixture" = "shipped"): EncodingProfile {
  const file = where === "shipped" ? path.join(PROFILES_DIR, `${name}.json`) : path.join(FIXTURES_DIR, "profiles", "valid", `${name}.json`);
  const problems: string[] = [];
  const profile = loadProfileFile(file, `${name}.json`, problems);
  if (!profile) throw new Error(problems.join("\n"));
  return profile;
}
