import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { medialiveChannelEncoderSettingsToTerraform } from "@cdktf/provider-aws/lib/medialive-channel";
import { toBinding } from "../../encoding-profiles/template-import";
import { ROOT } from "../support/project";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { derive } = require("../../scripts/derive-medialive-schema.js") as { derive(schema: object): { description: any; templateSchema: any } };

interface Node {
  attributes: Record<string, { provider: string; binding: string; type: string; required?: boolean }>;
  blocks: Record<string, Node & { provider: string; binding: string; shape: "object" | "wrap" | "list"; required?: boolean }>;
}

const described: Node = JSON.parse(fs.readFileSync(path.join(ROOT, "providers", "aws", "medialive-encoder-settings.json"), "utf8"));
const templateSchema = JSON.parse(fs.readFileSync(path.join(ROOT, "encoding-profiles", "medialive-template.schema.json"), "utf8"));

/** An API-shaped value holding every setting the description knows, each with a value of its type. */
function everySetting(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, a] of Object.entries(node.attributes)) out[key] = a.type === "number" ? 7 : a.type === "bool" ? true : a.type.endsWith("[]") ? ["v"] : "v";
  for (const [key, b] of Object.entries(node.blocks)) out[key] = b.shape === "list" ? [everySetting(b)] : everySetting(b);
  return out;
}

/** Every provider path (dots between names) the description promises. */
function providerPaths(node: Node, prefix = ""): string[] {
  return [
    ...Object.values(node.attributes).map((a) => `${prefix}${a.provider}`),
    ...Object.values(node.blocks).flatMap((b) => [`${prefix}${b.provider}`, ...providerPaths(b, `${prefix}${b.provider}.`)]),
  ];
}

/** Every path present in Terraform JSON (lists looked into, dots between names). */
function terraformPaths(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => typeof item === "object" && terraformPaths(item, prefix, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out.add(`${prefix}${key}`);
      terraformPaths(v, `${prefix}${key}.`, out);
    }
  }
  return out;
}

describe("converting a MediaLive template for the provider", () => {
  test("every setting of the hashicorp/aws 5.100 encoder_settings block reaches Terraform under its provider name", () => {
    const terraform = medialiveChannelEncoderSettingsToTerraform(toBinding(everySetting(described), described as any) as any);
    const reached = terraformPaths(terraform);
    const promised = providerPaths(described);
    expect(promised.length).toBeGreaterThan(600);
    expect(promised.filter((p) => !reached.has(p))).toEqual([]);
  });

  test("API shapes and names become the provider's: single objects wrapped in lists, renamed settings", () => {
    const template = {
      timecodeConfig: { source: "EMBEDDED" },
      audioDescriptions: [{ name: "a", audioSelectorName: "s", audioWatermarkingSettings: { nielsenWatermarksSettings: { nielsenDistributionType: "FINAL_DISTRIBUTOR" } } }],
      videoDescriptions: [
        {
          name: "v",
          codecSettings: {
            h265Settings: { bitrate: 1, framerateNumerator: 25, framerateDenominator: 1, timecodeBurninSettings: { fontSize: "SMALL_16", position: "TOP_LEFT", prefix: "P" } },
          },
        },
      ],
      outputGroups: [
        {
          outputGroupSettings: {
            hlsGroupSettings: {
              destination: { destinationRefId: "d" },
              hlsCdnSettings: { hlsBasicPutSettings: { numRetries: 3 } },
              iFrameOnlyPlaylists: "DISABLED",
            },
          },
          outputs: [{ outputSettings: { hlsOutputSettings: { hlsSettings: { standardHlsSettings: { m3u8Settings: { pmtPid: "480" } } } } } }],
        },
      ],
    };
    expect(medialiveChannelEncoderSettingsToTerraform(toBinding(template, described as any) as any)).toEqual({
      timecode_config: { source: "EMBEDDED" },
      audio_descriptions: [
        { name: "a", audio_selector_name: "s", audio_watermark_settings: { nielsen_watermarks_settings: { nielsen_distribution_type: "FINAL_DISTRIBUTOR" } } },
      ],
      video_descriptions: [
        {
          name: "v",
          codec_settings: {
            h265_settings: {
              bitrate: 1,
              framerate_numerator: 25,
              framerate_denominator: 1,
              timecode_burnin_settings: { timecode_burnin_font_size: "SMALL_16", timecode_burnin_position: "TOP_LEFT", prefix: "P" },
            },
          },
        },
      ],
      output_groups: [
        {
          output_group_settings: {
            hls_group_settings: {
              destination: { destination_ref_id: "d" },
              hls_cdn_settings: [{ hls_basic_put_settings: { num_retries: 3 } }],
              iframe_only_playlists: "DISABLED",
            },
          },
          outputs: [{ output_settings: { hls_output_settings: { hls_settings: { standard_hls_settings: { m3u8_settings: { pmt_pid: "480" } } } } } }],
        },
      ],
    });
  });

  test("the template schema admits exactly the settings the converter knows, with the provider's requirements", () => {
    function compare(node: Node, schema: any, at: string): string[] {
      const known = [...Object.keys(node.attributes), ...Object.keys(node.blocks)].sort();
      const admitted = Object.keys(schema.properties).filter((k) => k !== "$schema").sort();
      const problems = known.join() === admitted.join() ? [] : [`${at}: ${known.join()} != ${admitted.join()}`];
      const required = [...Object.entries(node.attributes), ...Object.entries(node.blocks)].filter(([, v]) => v.required).map(([k]) => k);
      for (const key of required) if (!(schema.required ?? []).includes(key)) problems.push(`${at}/${key} is not required by the schema`);
      for (const [key, b] of Object.entries(node.blocks)) {
        const child = b.shape === "list" ? schema.properties[key].items : schema.properties[key];
        problems.push(...compare(b, child, `${at}/${key}`));
      }
      return problems;
    }
    expect(compare(described, templateSchema, "")).toEqual([]);
    expect(templateSchema.required).toEqual(["outputGroups", "timecodeConfig", "videoDescriptions"]);
  });
});

describe("scripts/derive-medialive-schema.js", () => {
  // A provider schema in Terraform's `providers schema -json` shape, cut down to what the
  // derivation has to get right: names, required and read-only attributes, the three block shapes.
  const providerSchema = {
    format_version: "1.0",
    provider_schemas: {
      "registry.terraform.io/hashicorp/aws": {
        resource_schemas: {
          aws_medialive_channel: {
            block: {
              block_types: {
                encoder_settings: {
                  nesting_mode: "list",
                  min_items: 1,
                  max_items: 1,
                  block: {
                    block_types: {
                      timecode_config: { nesting_mode: "list", min_items: 1, max_items: 1, block: { attributes: { source: { type: "string", required: true } } } },
                      output_groups: {
                        nesting_mode: "list",
                        min_items: 1,
                        block: {
                          attributes: { name: { type: "string", optional: true }, computed_only: { type: "string", computed: true } },
                          block_types: {
                            output_group_settings: {
                              nesting_mode: "list",
                              min_items: 1,
                              max_items: 1,
                              block: {
                                block_types: {
                                  hls_group_settings: {
                                    nesting_mode: "list",
                                    max_items: 1,
                                    block: {
                                      attributes: {
                                        iframe_only_playlists: { type: "string", optional: true },
                                        ad_markers: { type: ["list", "string"], optional: true, computed: true },
                                      },
                                      block_types: { hls_cdn_settings: { nesting_mode: "list", block: { attributes: { m3u8_retries: { type: "number", optional: true } } } } },
                                    },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };

  test("keys settings by API name, keeps provider and binding names, and marks the shapes", () => {
    const { description } = derive(providerSchema);
    expect(description.blocks.outputGroups).toEqual({
      provider: "output_groups",
      binding: "outputGroups",
      shape: "list",
      required: true,
      attributes: { name: { provider: "name", binding: "name", type: "string" } },
      blocks: {
        outputGroupSettings: {
          provider: "output_group_settings",
          binding: "outputGroupSettings",
          shape: "object",
          required: true,
          attributes: {},
          blocks: {
            hlsGroupSettings: {
              provider: "hls_group_settings",
              binding: "hlsGroupSettings",
              shape: "object",
              attributes: {
                adMarkers: { provider: "ad_markers", binding: "adMarkers", type: "string[]" },
                iFrameOnlyPlaylists: { provider: "iframe_only_playlists", binding: "iframeOnlyPlaylists", type: "string" },
              },
              blocks: {
                hlsCdnSettings: {
                  provider: "hls_cdn_settings",
                  binding: "hlsCdnSettings",
                  shape: "wrap",
                  attributes: { m3u8Retries: { provider: "m3u8_retries", binding: "m3U8Retries", type: "number" } },
                  blocks: {},
                },
              },
            },
          },
        },
      },
    });
  });

  test("writes a JSON Schema that admits only those keys and requires what the provider requires", () => {
    const { templateSchema: schema } = derive(providerSchema);
    expect(schema.required).toEqual(["outputGroups", "timecodeConfig", "videoDescriptions"]);
    expect(schema.properties.timecodeConfig).toEqual({ type: "object", additionalProperties: false, properties: { source: { type: "string" } }, required: ["source"] });
    const group = schema.properties.outputGroups;
    expect(group).toMatchObject({ type: "array", minItems: 1, items: { type: "object", additionalProperties: false, required: ["outputGroupSettings"] } });
    expect(Object.keys(group.items.properties)).toEqual(["name", "outputGroupSettings"]);
    const hls = group.items.properties.outputGroupSettings.properties.hlsGroupSettings;
    expect(hls.properties.adMarkers).toEqual({ type: "array", items: { type: "string" } });
    expect(hls.properties.hlsCdnSettings).toEqual({ type: "object", additionalProperties: false, properties: { m3u8Retries: { type: "number" } } });
  });

  test("as a command, refuses a schema without the MediaLive channel and leaves the committed files alone", () => {
    const committed = ["providers/aws/medialive-encoder-settings.json", "encoding-profiles/medialive-template.schema.json"].map((f) => path.join(ROOT, f));
    const before = committed.map((f) => fs.readFileSync(f, "utf8"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "derive-"));
    try {
      const file = path.join(dir, "aws-schema.json");
      fs.writeFileSync(file, JSON.stringify({ provider_schemas: {} }));
      const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "derive-medialive-schema.js"), file], { encoding: "utf8" });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("the schema holds no aws_medialive_channel of registry.terraform.io/hashicorp/aws");
      expect(committed.map((f) => fs.readFileSync(f, "utf8"))).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
