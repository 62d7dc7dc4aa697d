import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { PipelineMonitoring } from "../../../modules/monitoring";
import { Naming } from "../../../modules/naming";
import { ROOT } from "../../support/project";

// The example of docs/monitoring-constructs.md: this test runs it, and checks that the page shows
// it verbatim (the lines between the markers).

test("the documented example synthesizes the alarms it describes", () => {
  // example start
  const json = Testing.synthScope((scope) => {
    new PipelineMonitoring(scope, "Monitoring", {
      naming: new Naming("concert", "eu-west-1"),
      region: "eu-west-1",
      account: { accountId: "123456789012", partition: "aws" },
      // In a stack: your MedialiveChannel, its push group's name and your Packager (references).
      channel: { channelId: "1234567", name: "concert-euw1-channel" },
      contributionType: "RTP_PUSH",
      outputGroupName: "mediapackage",
      profileFrameRate: 50,
      packager: {
        channelGroup: { name: "concert" },
        channel: { channelName: "live" },
        endpoints: [{ name: "cmaf", container: "CMAF", endpoint: { originEndpointName: "cmaf" } }],
      },
      alarms: {
        notifications: [{ protocol: "email", endpoint: "ops@example.com" }],
        families: { droppedFrames: { threshold: 10 } },
      },
    });
  });
  expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
    alarm_name: "concert-euw1-medialive-pipeline-1-input-frame-rate-low",
    threshold: 25, // half the profile's frame rate
  });
  expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
    alarm_name: "concert-euw1-medialive-pipeline-0-dropped-frames",
    threshold: 10,
  });
  // example end

  const source = fs.readFileSync(__filename, "utf8");
  const example = source.slice(source.indexOf("// example start\n") + "// example start\n".length, source.indexOf("  // example end"));
  const page = fs.readFileSync(path.join(ROOT, "docs", "monitoring-constructs.md"), "utf8");
  const unindented = example
    .split("\n")
    .map((line) => line.replace(/^ {2}/, ""))
    .join("\n");
  expect(page).toContain("```ts\n" + unindented + "```");
});
