import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { bundleEntry, runBundle } from "../support/entry";
import { ROOT, load, synthOutputFiles } from "../support/project";

// `npm run tfc -- upload` against a stand-in of the Terraform Cloud API: a real HTTP server on
// loopback that answers the three requests of the API-driven run workflow.

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body: Buffer;
}

const ORG = "acme-broadcast";
const TOKEN = "test-token-not-a-secret";
const WORKSPACES: Record<string, string> = { "live-cup-final-eu-west-1": "ws-west", "live-cup-final-eu-central-1": "ws-central", "live-cup-final-cdn": "ws-cdn" };

function startApi(): Promise<{ server: http.Server; port: number; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
      const port = (server.address() as AddressInfo).port;
      const json = (status: number, doc: unknown) => {
        res.writeHead(status, { "Content-Type": "application/vnd.api+json" });
        res.end(JSON.stringify(doc));
      };
      const upload = /^\/_uploads\/(cv-[a-z]+)$/.exec(req.url!);
      if (upload && req.method === "PUT") return res.writeHead(200).end();
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { errors: [{ status: "401", title: "unauthorized" }] });
      const ws = new RegExp(`^/api/v2/organizations/${ORG}/workspaces/([^/]+)$`).exec(req.url!);
      if (ws && req.method === "GET") {
        const id = WORKSPACES[decodeURIComponent(ws[1])];
        return id ? json(200, { data: { id, type: "workspaces", attributes: { name: ws[1] } } }) : json(404, { errors: [{ status: "404", title: "not found" }] });
      }
      const cv = /^\/api\/v2\/workspaces\/ws-([a-z]+)\/configuration-versions$/.exec(req.url!);
      if (cv && req.method === "POST") {
        return json(201, { data: { id: `cv-${cv[1]}`, type: "configuration-versions", attributes: { status: "pending", "upload-url": `http://127.0.0.1:${port}/_uploads/cv-${cv[1]}` } } });
      }
      json(404, { errors: [{ status: "404" }] });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, requests })));
}

/** tfc/tfc.ts bundled once for this file, as `npm run tfc` bundles it. */
let TFC: string;
/** The config's app as `npm run synth` writes it (the run's synthesis of the event; the upload reads it from CDKTF_OUTDIR). */
let synthesized: string;
const CONFIG = "config/examples/terraform-cloud.json";

beforeAll(async () => {
  TFC = await bundleEntry("tfc/tfc.ts", "tfc-upload-test");
  synthesized = fs.mkdtempSync(path.join(os.tmpdir(), "tfc-upload-app-"));
  for (const [file, text] of Object.entries(synthOutputFiles(load(CONFIG)))) {
    fs.mkdirSync(path.dirname(path.join(synthesized, file)), { recursive: true });
    fs.writeFileSync(path.join(synthesized, file), text);
  }
});
afterAll(() => fs.rmSync(synthesized, { recursive: true, force: true }));

async function runUpload(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runBundle(TFC, ["upload", ...args], { env: { PATH: process.env.PATH, ...env } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** The regular files of a gzipped ustar archive, by name (read per the POSIX ustar layout). */
function untar(archive: Buffer): Record<string, string> {
  const tar = zlib.gunzipSync(archive);
  const files: Record<string, string> = {};
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = parseInt(field(124, 12).trim(), 8);
    if (field(156, 1) === "0") files[name] = tar.subarray(at + 512, at + 512 + size).toString("utf8");
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe("npm run tfc -- upload", () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let work: string;
  let outdir: string;
  const config = CONFIG;

  beforeAll(async () => {
    api = await startApi();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "tfc-upload-"));
    outdir = path.join(work, "cdktf.out");
    fs.cpSync(synthesized, outdir, { recursive: true });
  });
  afterAll(() => {
    api.server.close();
    fs.rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => api.requests.splice(0));

  test("uploads each stack to its workspace in apply order, with the token, and queues runs only where nothing is upstream", async () => {
    const result = await runUpload(["--hostname", `127.0.0.1:${api.port}`], { EVENT_CONFIG: config, CDKTF_OUTDIR: outdir, HOME: work, TF_TOKEN_127_0_0_1: TOKEN });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "cup-final-eu-west-1 → live-cup-final-eu-west-1 (cv-west): uploaded, run queued",
      "cup-final-eu-central-1 → live-cup-final-eu-central-1 (cv-central): uploaded, run queued",
      "cup-final-cdn → live-cup-final-cdn (cv-cdn): uploaded, runs when its upstream workspaces apply (run trigger)",
    ]);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/v2/organizations/${ORG}/workspaces/live-cup-final-eu-west-1`,
      "POST /api/v2/workspaces/ws-west/configuration-versions",
      "PUT /_uploads/cv-west",
      `GET /api/v2/organizations/${ORG}/workspaces/live-cup-final-eu-central-1`,
      "POST /api/v2/workspaces/ws-central/configuration-versions",
      "PUT /_uploads/cv-central",
      `GET /api/v2/organizations/${ORG}/workspaces/live-cup-final-cdn`,
      "POST /api/v2/workspaces/ws-cdn/configuration-versions",
      "PUT /_uploads/cv-cdn",
    ]);
    const apiCalls = api.requests.filter((r) => r.url.startsWith("/api/"));
    expect(apiCalls.every((r) => r.authorization === `Bearer ${TOKEN}` && r.contentType === "application/vnd.api+json")).toBe(true);
    // The signed upload URL needs no token: it is not sent there.
    expect(api.requests.filter((r) => r.method === "PUT").every((r) => r.authorization === undefined && r.contentType === "application/octet-stream")).toBe(true);
    const posts = api.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body.toString()));
    expect(posts.map((p) => [p.data.type, p.data.attributes["auto-queue-runs"]])).toEqual([
      ["configuration-versions", true],
      ["configuration-versions", true],
      ["configuration-versions", false],
    ]);

    // Each archive is the stack's folder, exactly as synthesized, at the archive's root.
    const west = untar(api.requests.find((r) => r.url === "/_uploads/cv-west")!.body);
    expect(Object.keys(west)).toEqual(["cdk.tf.json"]);
    expect(west["cdk.tf.json"]).toBe(fs.readFileSync(path.join(outdir, "stacks", "cup-final-eu-west-1", "cdk.tf.json"), "utf8"));
    const cdn = untar(api.requests.find((r) => r.url === "/_uploads/cv-cdn")!.body);
    expect(JSON.parse(cdn["cdk.tf.json"]).terraform.cloud.workspaces.name).toBe("live-cup-final-cdn");
  });

  test("a rejected token: one clear line, exit code 1, nothing uploaded; the token from the CLI credentials file", async () => {
    fs.mkdirSync(path.join(work, ".terraform.d"), { recursive: true });
    const host = `127.0.0.1:${api.port}`;
    fs.writeFileSync(path.join(work, ".terraform.d", "credentials.tfrc.json"), JSON.stringify({ credentials: { [host]: { token: "expired-token" } } }));
    try {
      const result = await runUpload(["--hostname", host], { EVENT_CONFIG: config, CDKTF_OUTDIR: outdir, HOME: work });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(`workspace live-cup-final-eu-west-1: ${host} rejected the API token (401 Unauthorized); run terraform login ${host} or set TF_TOKEN_<host> to a valid team or user token\n`);
      expect(result.stderr).not.toContain("expired-token");
      expect(api.requests.map((r) => [r.method, r.authorization])).toEqual([["GET", "Bearer expired-token"]]);
    } finally {
      fs.rmSync(path.join(work, ".terraform.d"), { recursive: true, force: true });
    }
  });

  test("no token anywhere: says where to put one, asks nothing of the API", async () => {
    const result = await runUpload(["--hostname", `127.0.0.1:${api.port}`], { EVENT_CONFIG: config, CDKTF_OUTDIR: outdir, HOME: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`no API token for 127.0.0.1:${api.port}: run terraform login 127.0.0.1:${api.port}, or set TF_TOKEN_127_0_0_1\n`);
    expect(api.requests).toEqual([]);
  });

  test("paths as synth reads them: EVENT_CONFIG and CDKTF_OUTDIR relative to where npm was typed; a blank EVENT_CONFIG is the default config", async () => {
    const typed = path.join(work, "typed-here");
    fs.mkdirSync(typed, { recursive: true });
    fs.copyFileSync(path.join(ROOT, config), path.join(typed, "event.json"));
    // What `npm run tfc` sets when typed in `typed`: the project's package.json and the folder.
    const npm = { INIT_CWD: typed, npm_package_json: path.join(ROOT, "package.json"), HOME: work, TF_TOKEN_127_0_0_1: TOKEN };
    const result = await runUpload(["--hostname", `127.0.0.1:${api.port}`], { ...npm, EVENT_CONFIG: "event.json", CDKTF_OUTDIR: "../cdktf.out" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(api.requests.filter((r) => r.method === "PUT")).toHaveLength(3);

    const blank = await runUpload([], { ...npm, EVENT_CONFIG: " ", CDKTF_OUTDIR: "../cdktf.out" });
    expect(blank.stderr).toBe('config/default.json: /state/backend must be "cloud" to upload to Terraform Cloud (got "local")\n');
    expect(blank.code).toBe(1);
  });

  test("a configuration without the cloud backend is refused", async () => {
    const result = await runUpload([], { EVENT_CONFIG: "config/default.json", CDKTF_OUTDIR: outdir, HOME: work, TF_TOKEN_app_terraform_io: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('config/default.json: /state/backend must be "cloud" to upload to Terraform Cloud (got "local")\n');
  });
});

test("a workspace that does not exist: names it and the bootstrap stack to apply, exit code 1", async () => {
  const api = await startApi();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tfc-upload-"));
  try {
    const c = JSON.parse(fs.readFileSync(path.join(ROOT, CONFIG), "utf8"));
    c.state.cloud.workspacePrefix = "missing-";
    const config = path.join(work, "event.json");
    fs.writeFileSync(config, JSON.stringify(c));
    const outdir = path.join(work, "cdktf.out");
    fs.cpSync(synthesized, outdir, { recursive: true });
    const result = await runUpload(["--hostname", `127.0.0.1:${api.port}`], { EVENT_CONFIG: config, CDKTF_OUTDIR: outdir, HOME: work, TF_TOKEN_127_0_0_1: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`workspace missing-cup-final-eu-west-1: not found (404) in organization ${ORG}, or the token may not read it; apply the bootstrap stack cup-final-tfc first\n`);
    expect(api.requests.map((r) => r.method)).toEqual(["GET"]);
  } finally {
    api.server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
