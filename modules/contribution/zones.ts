// The rule for configured Availability Zones, in one place: the Contribution construct refuses
// props that break it, and the event file's loader reports the same problems against the file.
// Pure (no cdktf, no config/), so the loader can use it without loading the construct.

/**
 * An Availability Zone name is its region's code followed by one letter (us-east-2a, us-east-2b
 * are zones of us-east-2); a region code is letters in dash-separated parts ending in a number
 * (eu-west-1, us-gov-west-1). Zone IDs (euw1-az1) and Local Zones (us-west-2-lax-1a, which need an
 * opt-in the flows' zone lookup leaves out) are not zone names here.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html
 */
const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$/;

/** True when `zone` is a name of an Availability Zone of `region` (the rule above). */
function isZoneOf(zone: string, region: string): boolean {
  return ZONE_NAME.test(zone) && zone.slice(0, -1) === region;
}

/** One problem with configured zones: where (the region, and the item's index for one zone) and what is wrong. */
export interface ZonesProblem {
  readonly path: readonly [region: string] | readonly [region: string, index: number];
  readonly text: string;
}

/**
 * The rules `mediaconnect.availabilityZones` follows, per region: exactly two zones (pipeline a's
 * flows run in the first, pipeline b's in the second), two different ones (so losing one zone
 * stops one pipeline only), each a zone name of that region. Only zone-name characters pass, so a
 * zone can be quoted into a plan-time check (a Terraform expression).
 */
export function availabilityZonesProblems(zones: Readonly<Record<string, readonly string[]>>): ZonesProblem[] {
  const problems: ZonesProblem[] = [];
  for (const [region, names] of Object.entries(zones)) {
    if (names.length !== 2) problems.push({ path: [region], text: `must list two zones, for the flows of pipeline a and b (got ${JSON.stringify(names)})` });
    names.forEach((zone, i) => {
      const got = `(got ${JSON.stringify(zone)})`;
      if (!isZoneOf(zone, region)) {
        problems.push({
          path: [region, i],
          text: ZONE_NAME.test(zone)
            ? `is not an Availability Zone of ${region} ${got}`
            : `is not an Availability Zone name, which is the region code and a letter such as ${region}a ${got}`,
        });
      } else if (names.indexOf(zone) !== i) {
        const first = names.indexOf(zone);
        problems.push({ path: [region, i], text: `names the same zone as item ${first}: the flows of pipeline a and b run in different zones, so that losing one zone stops one pipeline only ${got}` });
      }
    });
  }
  return problems;
}
