import * as crypto from "crypto";
import { checkAwsccBlocks } from "./support/awscc-schema";
import { StackJson, load, shippedConfigs, synthApp, withFixtureProfile } from "./support/project";
import { terraformCheckBatcher, terraformCheckSkipReason } from "./support/terraform-check";

// Every stack of every shipped configuration, and the regional stack of the default event with
// each fixture profile that no shipped configuration uses (__tests__/profiles/encoder.test.ts
// checks what those profiles become), each distinct stack once.
const FIXTURE_PROFILES = ["ladder-hevc-captions", "template-mediapackage-group"];
const events = [
  ...shippedConfigs().map((file) => ({ label: file, loaded: load(file), only: undefined as string | undefined })),
  ...FIXTURE_PROFILES.map((profile) => {
    const loaded = withFixtureProfile(profile);
    return { label: `fixture profile ${profile}`, loaded, only: `${loaded.config.event.name}-${loaded.config.regions[0]}` as string | undefined };
  }),
];
const seen = new Set<string>();
const cases: [string, StackJson][] = [];
for (const { label, loaded, only } of events) {
  for (const [name, stack] of Object.entries(synthApp(loaded))) {
    if (only && name !== only) continue;
    const hash = crypto.createHash("sha256").update(JSON.stringify(stack)).digest("hex");
    if (seen.has(hash)) continue;
    seen.add(hash);
    cases.push([`${label} → ${name}`, stack]);
  }
}

describe("awscc resource blocks", () => {
  test.each(cases)("%s: every awscc block is valid for the provider schema", (label, stack) => {
    expect(checkAwsccBlocks(label, stack)).toEqual([]);
  });
});

const skipReason = terraformCheckSkipReason();
// CI sets REQUIRE_TERRAFORM_CHECK: there, a missing Terraform is a failure, not a skip.
if (skipReason && process.env.REQUIRE_TERRAFORM_CHECK) throw new Error(`Terraform check required but cannot run: ${skipReason}`);
if (skipReason) console.log(`Terraform check skipped: ${skipReason}`);

// The selected stacks (all, or those -t names) start together and are planned together: one
// Terraform working directory, each stack a module, one plan; each test reports its own errors.
const plan = terraformCheckBatcher();
(skipReason ? describe.skip : describe)("terraform plan (which validates) with the real hashicorp/aws provider", () => {
  test.concurrent.each(cases)("%s", async (label, stack) => {
    const result = await plan(label, stack);
    expect(result.log).toBe("");
    expect(result.ok).toBe(true);
  }, 1800000); // every test waits for the one plan of all the stacks
});

// The check itself, in the same plan: a data source's postcondition is kept on its stand-in and
// stops that stack's plan with its message. It is planned beside every stack above, each of which
// passes only if terraform planned all of its resources, so one stack's error ends no other's plan
// (shown when the whole file runs: a run narrowed with -t plans only the stacks it names).
const zones = {
  provider: { aws: [{ region: "eu-west-1" }, { region: "us-west-2", alias: "primary" }] },
  data: {
    aws_availability_zones: {
      Zones: {
        provider: "aws.primary",
        state: "available",
        lifecycle: { postcondition: [{ condition: '${length(setsubtract(["us-west-2z"], self.names)) == 0}', error_message: "no zone us-west-2z" }] },
      },
    },
  },
  output: { zone: { value: "${element(data.aws_availability_zones.Zones.names, 1)}" } },
};
(skipReason ? describe.skip : describe)("the Terraform check itself", () => {
  test.concurrent("keeps a data source's postcondition: a zone the stand-in region lacks stops that stack's plan with its message", async () => {
    const result = await plan("a stack whose zones lack us-west-2z", zones);
    expect(result.ok).toBe(false);
    expect(result.log).toContain("no zone us-west-2z");
  });
});
