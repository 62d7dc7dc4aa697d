import { Testing } from "cdktf";
import { Contribution } from "../../../modules/contribution";
import { Naming } from "../../../modules/naming";
import { check, defaultConfig } from "../../support/project";

// Construct level: where the flows run, read from the account's zones or taken from the configuration.
function synth(change: (c: Record<string, any>) => void = () => {}): any {
  const c = defaultConfig();
  change(c);
  const { config } = check(c);
  return JSON.parse(
    Testing.synthScope((scope) => {
      new Contribution(scope, "Contribution", {
        naming: new Naming(config.event.name, "eu-west-1"),
        region: "eu-west-1",
        account: { accountId: "111122223333", partition: "aws" },
        contribution: config.contribution,
        pipelines: 2,
        mediaLiveRoleArn: "role-arn",
        awsccTags: [],
      });
    }),
  );
}

test("without configured zones, the flows take the first two zones of an available, no-opt-in zone list", () => {
  const out = synth();
  const [name, zones] = Object.entries<any>(out.data.aws_availability_zones)[0];
  expect(zones.state).toBe("available");
  expect(zones.filter).toEqual([{ name: "opt-in-status", values: ["opt-in-not-required"] }]);
  const used = Object.values<any>(out.resource.awscc_mediaconnect_flow).map((f) => f.availability_zone);
  expect(new Set(used)).toEqual(new Set([0, 1].map((i) => `\${element(data.aws_availability_zones.${name}.names, ${i})}`)));
  expect(JSON.stringify(out)).not.toMatch(/eu-west-1[ab]/);
});

test("configured zones are used as written, and the plan checks that the account has them", () => {
  const out = synth((c) => (c.contribution.mediaconnect.availabilityZones = { "eu-west-1": ["eu-west-1c", "eu-west-1a"] }));
  const used = Object.values<any>(out.resource.awscc_mediaconnect_flow).map((f) => f.availability_zone);
  expect([...new Set(used)].sort()).toEqual(["eu-west-1a", "eu-west-1c"]);
  const zones = Object.values<any>(out.data.aws_availability_zones)[0];
  expect(zones.lifecycle.postcondition.map((p: any) => p.condition)).toEqual([
    "${length(self.names) >= 2}",
    '${length(setsubtract(["eu-west-1c","eu-west-1a"], self.names)) == 0}',
  ]);
});

test("inputs other than MediaConnect read no zones", () => {
  const out = synth((c) => {
    c.contribution = { type: "RTP_PUSH", allowlistCidrs: ["198.51.100.0/24"] };
  });
  expect(out.data?.aws_availability_zones).toBeUndefined();
});
