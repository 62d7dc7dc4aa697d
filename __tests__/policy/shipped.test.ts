import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { blocking, formatReport } from "../../policy";
import { synthesizeChecked } from "../../synth/driver";
import { ROOT, filesUnder, load, shippedConfigs, synthOutputFiles } from "../support/project";
import { secretsIn } from "./secret-scan";

// Every shipped configuration goes through the policy-gated synthesis `npm run synth` uses: no
// unwaived error, the same bytes as another synthesis of the same event (the run's shared one,
// made by the Terraform check or another test file, usually in another process), and nothing in
// the output that looks like a secret, a machine path or a timestamp.

const DEFAULT_CERT_NOTE =
  "serves the default *.cloudfront.net certificate, for which CloudFront fixes the security policy at TLSv1 whatever minimum_protocol_version says; a custom domain with an ACM certificate and TLSv1.2_2021 removes this note";

describe.each(shippedConfigs())("%s", (file) => {
  const loaded = load(file);
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shipped-"));
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));
  const first = synthesizeChecked(loaded, { outdir: path.join(parent, "first"), display: file });
  const output = first.written ? filesUnder(path.join(parent, "first")) : {};

  test("passes the policy pack on every stack; the only note is the default certificate's", () => {
    expect(blocking(first.report).map((f) => `${f.rule} ${f.resource}: ${f.message}`)).toEqual([]);
    expect(first.written).toBe(true);
    // One per region, the CDN, and with the cloud backend the Terraform Cloud bootstrap.
    expect(first.report.stacks.length).toBe(loaded.config.regions.length + (loaded.config.state.backend === "cloud" ? 2 : 1));
    for (const note of first.report.findings.filter((f) => f.severity === "note")) expect(`${note.rule}: ${note.message}`).toBe(`cdn-viewer-tls: ${DEFAULT_CERT_NOTE}`);
    expect(formatReport(first.report)[0]).toMatch(new RegExp(`^Policy check of ${file.replace(/\./g, "\\.")}: \\d+ rules on \\d+ stacks: no errors, \\d+ waived, (no notes|1 note)$`));
  });

  test("synthesizes the same bytes as another synthesis of the same event", () => {
    expect(Object.keys(output).filter((f) => f.endsWith("/cdk.tf.json")).length).toBe(first.report.stacks.length);
    // Every file of the output folder, the manifest included, and no other.
    expect(output).toEqual(synthOutputFiles(loaded));
  });

  test("holds nothing that looks like a secret, a machine path, a user, a host or a timestamp", () => {
    expect(Object.keys(output).length).toBeGreaterThan(1);
    expect(secretsIn(output)).toEqual([]);
    const all = Object.values(output).join("\n");
    for (const local of [ROOT, parent, os.homedir(), os.tmpdir(), os.hostname()]) expect(all).not.toContain(local);
    // The user name only as a path segment: "root" is also the IAM account principal.
    const user = os.userInfo().username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(all).not.toMatch(new RegExp(`[/\\\\]${user}([/\\\\]|$)`, "m"));
    expect(all).not.toMatch(/(^|[\s"'=:(])\/(home|root|Users|tmp|var|opt|private|mnt|work)\//m);
    expect(all).not.toMatch(/[A-Za-z]:\\\\/);
    expect(all).not.toMatch(/20\d\d-\d\d-\d\d[T ]\d\d:\d\d/);
  });
});

describe("the secret scan", () => {
  test("finds access keys, private keys, long base64 and hex blobs, and secret values under secret-like keys", () => {
    const planted = {
      "keys.txt": "AKIAABCDEFGHIJKLMNOP\n-----BEGIN RSA PRIVATE KEY-----\nq8Zk3L0pV7xR2mN5tY9wB4cF6hJ1sD8gA0eU3iO7lK2jH5\n",
      "hex.txt": "token 0123456789abcdef0123456789abcdef\n",
      "stack.json": JSON.stringify({ resource: { x: { y: { password: "hunter2", secret_string: "s3cr3t value", token: "abc" } } } }),
    };
    expect(secretsIn(planted)).toEqual([
      "keys.txt: an AWS access key id (20 characters at offset 0)",
      "keys.txt: a private key (31 characters at offset 21)",
      "keys.txt: a long base64 blob (46 characters at offset 53)",
      "hex.txt: a long hex string (32 characters at offset 6)",
      "stack.json: a value that looks like a secret (/resource/x/y/password)",
      "stack.json: a value that looks like a secret (/resource/x/y/secret_string)",
      "stack.json: a value that looks like a secret (/resource/x/y/token)",
    ]);
  });

  test("accepts secret ARNs, parameter names, references, public keys and long names", () => {
    const fine = {
      "stack.json": JSON.stringify({
        source: { decryption: { key_type: "srt-password", secret_arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-AbCdEf", role_arn: "${aws_iam_role.R.arn}" } },
        sources: [{ password_param: "/demo-live/pull-password", username: "ops" }],
        public_key: { encoded_key: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----\n" },
        output: { "cross-stack-output-aws_media_packagev2_channel_groupPackager_ChannelGroup_E910332Aegress_domain": "x" },
      }),
    };
    expect(secretsIn(fine)).toEqual([]);
  });
});
