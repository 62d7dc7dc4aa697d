/**
 * Physical names for everything the project creates: `<event>-<region code>-<component>`.
 * The region code lets one account hold the same event in several regions; names are checked
 * for characters and length here, once, instead of failing at apply time.
 */

import type { SupportedRegion } from "../../config/types";

/**
 * Short, stable codes for the regions the pipeline supports. The compiler holds the keys to the
 * schema's region list (config/event.schema.json definitions/region, via the generated types):
 * a region added there without a code here, or a code for a region the schema does not allow,
 * does not compile.
 */
export const REGION_CODES: Readonly<Record<string, string>> = {
  "us-east-1": "use1",
  "us-east-2": "use2",
  "us-west-1": "usw1",
  "us-west-2": "usw2",
  "ca-central-1": "cac1",
  "sa-east-1": "sae1",
  "eu-west-1": "euw1",
  "eu-west-2": "euw2",
  "eu-west-3": "euw3",
  "eu-central-1": "euc1",
  "eu-north-1": "eun1",
  "ap-south-1": "aps1",
  "ap-northeast-1": "apne1",
  "ap-northeast-2": "apne2",
  "ap-southeast-1": "apse1",
  "ap-southeast-2": "apse2",
} satisfies Record<SupportedRegion, string>;

/** The scope code for resources that are not regional (CloudFront and its policies). */
export const GLOBAL_SCOPE = "global";

const NAME = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

export class Naming {
  /** `<event>-<scope>`: the prefix of every name this helper produces. */
  public readonly prefix: string;

  /**
   * @param event the event name from the configuration
   * @param scope a region name (mapped to its short code) or GLOBAL_SCOPE
   */
  constructor(
    public readonly event: string,
    public readonly scope: string,
  ) {
    const code = scope === GLOBAL_SCOPE ? GLOBAL_SCOPE : REGION_CODES[scope];
    if (!code) throw new Error(`Naming: no region code for "${scope}"; supported: ${Object.keys(REGION_CODES).join(", ")}`);
    this.prefix = `${event}-${code}`;
  }

  /**
   * The physical name of one component, e.g. `final-euw1-flow-primary-a`.
   * @param component what the name is for, e.g. `flow-primary-a`
   * @param maxLength the service's limit for this kind of name
   * @default maxLength 64
   */
  public name(component: string, maxLength = 64): string {
    const name = `${this.prefix}-${component}`;
    if (!NAME.test(name)) throw new Error(`Naming: "${name}" may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit`);
    if (name.length > maxLength) {
      throw new Error(`Naming: "${name}" is ${name.length} characters, over the limit of ${maxLength} for this resource; shorten the event name`);
    }
    return name;
  }

  /**
   * A name prefix ending in a hyphen, for ARN patterns and generated names
   * (e.g. `final-euw1-flow-` matches every flow of the event in that region).
   * @param maxLength the limit of the names that start with the prefix (the prefix itself is at most one shorter)
   * @default maxLength 64
   */
  public prefixFor(component: string, maxLength = 64): string {
    return `${this.name(component, maxLength - 1)}-`;
  }
}
