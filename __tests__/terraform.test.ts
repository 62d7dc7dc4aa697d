import * as crypto from "crypto";
import { checkAwsccBlocks } from "./support/awscc-schema";
import { StackJson, load, shippedConfigs, synthApp, withFixtureProfile } from "./support/project";
import { terraformCheckBatcher, terraformCheckSkipReason } from "./support/terraform-check";

// Every stack of every shipped configuration, each distinct stack once; and the regional stack of
// the default event with each fixture profile that no shipped configuration uses
// (__tests__/profiles/encoder.test.ts checks what those profiles become), reduced to what differs
// from the default event's own stack and what reads it (see differingPart).
const FIXTURE_PROFILES = ["ladder-hevc-captions", "template-mediapackage-group"];
const DEFAULT_EVENT = "config/default.json";
const seen = new Set<string>();
const cases: [string, StackJson][] = [];
for (const file of shippedConfigs()) {
  for (const [name, stack] of Object.entries(synthApp(load(file)))) {
    const hash = crypto.createHash("sha256").update(JSON.stringify(stack)).digest("hex");
    if (seen.has(hash)) continue;
    seen.add(hash);
    cases.push([`${file} → ${name}`, stack]);
  }
}
for (const profile of FIXTURE_PROFILES) {
  const loaded = withFixtureProfile(profile);
  const name = `${loaded.config.event.name}-${loaded.config.regions[0]}`;
  cases.push([`fixture profile ${profile} → ${name}`, differingPart(synthApp(loaded)[name], synthApp(load(DEFAULT_EVENT))[name])]);
}

/**
 * The part of `stack` that the plan of `planned` (a stack of the same event, planned in full)
 * leaves unproven: the resource and data blocks that differ from it, every block that reads them
 * (directly or through another such block: its values may differ although its text does not), the
 * outputs that differ or read any of those, and every block all these reference (so each reference
 * resolves, and is planned, as in the stack). A fixture profile changes the channel, and with it
 * the alarms that read the channel's output groups; the rest of its stack is the default event's,
 * byte for byte, reading the same values, and was planned with it.
 */
function differingPart(stack: StackJson, planned: StackJson | undefined): StackJson {
  if (!planned) throw new Error("the default event has no stack of this name to compare a fixture profile's stack with");
  const blocks = new Map<string, { kind: "resource" | "data"; type: string; name: string; text: string }>();
  for (const kind of ["resource", "data"] as const) {
    for (const [type, named] of Object.entries(stack[kind] ?? {})) {
      for (const [name, block] of Object.entries(named as Record<string, unknown>)) {
        blocks.set(`${kind === "data" ? "data." : ""}${type}.${name}`, { kind, type, name, text: JSON.stringify(block) });
      }
    }
  }
  /** The blocks an expression or depends_on entry in `text` names ("type.name" or "data.type.name"). */
  const references = (text: string) => [...text.matchAll(/\b(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+/g)].map((m) => m[0]).filter((key) => blocks.has(key));
  // What differs, and what reads it, to a fixed point.
  const affected = new Set([...blocks].filter(([, b]) => b.text !== JSON.stringify(planned[b.kind]?.[b.type]?.[b.name])).map(([key]) => key));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [key, b] of blocks) {
      if (!affected.has(key) && references(b.text).some((used) => affected.has(used))) {
        affected.add(key);
        grew = true;
      }
    }
  }
  const outputs = Object.entries(stack.output ?? {}).filter(([name, o]) => JSON.stringify(o) !== JSON.stringify(planned.output?.[name]) || references(JSON.stringify(o)).some((used) => affected.has(used)));
  // Everything those read.
  const keep = new Set([...affected, ...outputs.flatMap(([, o]) => references(JSON.stringify(o)))]);
  for (const key of keep) for (const used of references(blocks.get(key)!.text)) keep.add(used); // a Set iterates what is added while iterating
  const out: StackJson = { ...stack, resource: {}, data: {}, output: Object.fromEntries(outputs) };
  for (const key of keep) {
    const { kind, type, name } = blocks.get(key)!;
    (out[kind][type] ??= {})[name] = stack[kind][type][name];
  }
  return out;
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
