/**
 * One converter from the provider-shaped (cdktf binding, camelCase) MediaLive settings this
 * module builds to the shape CloudFormation's AWS::MediaLive::Channel takes (PascalCase), so both
 * ingest types encode with the same descriptions instead of two copies of the ladder logic.
 * A test validates the result against the CloudFormation registry schema of the resource.
 */

/**
 * Binding names CloudFormation spells differently: the provider names repeated blocks in the
 * singular (`audio_selector`), CloudFormation the list in the plural (`AudioSelectors`); the input
 * specification's resolution is `input_resolution` in the provider; the binding's capitalisation
 * of `m3u8` follows its snake_case name. (Found, and kept honest, by the registry-schema test.)
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-medialive-channel.html
 */
const RENAMED: Readonly<Record<string, string>> = {
  audioSelector: "AudioSelectors",
  captionSelector: "CaptionSelectors",
  failoverCondition: "FailoverConditions",
  inputResolution: "Resolution",
  m3U8Settings: "M3u8Settings",
};

/** A provider-shaped value in CloudFormation's shape: keys renamed, undefined members dropped. */
export function toCloudFormation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCloudFormation);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[RENAMED[key] ?? key.charAt(0).toUpperCase() + key.slice(1)] = toCloudFormation(member);
  }
  return out;
}

/** A CloudFormation reference to a template parameter or resource. */
export function ref(name: string): { readonly Ref: string } {
  return { Ref: name };
}

/**
 * JSON with object keys sorted at every level (array order kept): the same template always
 * serializes to the same bytes, whatever order the code built it in.
 */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(sort(value));
}
