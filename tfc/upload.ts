// Uploads each synthesized stack as a configuration version of its Terraform Cloud workspace:
// https://developer.hashicorp.com/terraform/cloud-docs/run/api (API-driven run workflow)
//   GET  /api/v2/organizations/:organization/workspaces/:name      → the workspace id
//   POST /api/v2/workspaces/:id/configuration-versions              → an upload URL
//   PUT  <upload-url>  (the stack folder as tar.gz; the URL carries its own authorization)
import * as fs from "fs";
import * as path from "path";
import { tarGz } from "./tar";

/** A failure the user can act on, as one line. */
export class UploadError extends Error {}

export interface StackUpload {
  readonly stack: string;
  readonly workspace: string;
  /** Queue a run as soon as the configuration is uploaded (stacks nothing upstream of). */
  readonly queue: boolean;
}

export interface UploadOptions {
  /** `host` or `host:port`; http only on loopback. */
  readonly hostname: string;
  readonly organization: string;
  readonly token: string;
  /** The synthesized app (cdktf.out). */
  readonly outdir: string;
  readonly stacks: readonly StackUpload[];
  /** The stack that creates the workspaces, named when one is missing. */
  readonly bootstrapStack: string;
  /** One line per uploaded stack. */
  readonly log: (line: string) => void;
  /** @default 30 s per request */
  readonly timeoutMs?: number;
}

/** https://host, or http://host:port for a loopback address (a local stand-in of the API). */
export function apiBase(hostname: string): string {
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[::1\](:\d{1,5})?$/.test(hostname)) throw new UploadError(`${JSON.stringify(hostname)} is not a host name (host or host:port)`);
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(hostname);
  return `${loopback ? "http" : "https"}://${hostname}`;
}

export async function uploadStacks(options: UploadOptions): Promise<void> {
  const base = apiBase(options.hostname);
  const timeout = options.timeoutMs ?? 30_000;
  // Every folder first: nothing is uploaded when one stack is missing.
  const archives = options.stacks.map((s) => {
    const folder = path.join(options.outdir, "stacks", s.stack);
    if (!fs.existsSync(path.join(folder, "cdk.tf.json"))) throw new UploadError(`${path.relative(process.cwd(), folder) || folder} holds no synthesized stack: run npm run synth with the same configuration first`);
    return tarGz(folder);
  });

  const api = async (method: string, url: string, what: string, body?: unknown): Promise<any> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/vnd.api+json", Accept: "application/vnd.api+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
        redirect: "error",
      });
    } catch (err) {
      throw new UploadError(`${what}: cannot reach ${base} (${(err as Error).cause ?? (err as Error).message})`);
    }
    if (response.status === 401) throw new UploadError(`${what}: ${options.hostname} rejected the API token (401 Unauthorized); run terraform login ${options.hostname} or set ${"TF_TOKEN_<host>"} to a valid team or user token`);
    if (response.status === 404) throw new UploadError(`${what}: not found (404) in organization ${options.organization}, or the token may not read it; apply the bootstrap stack ${options.bootstrapStack} first`);
    if (!response.ok) throw new UploadError(`${what}: ${options.hostname} answered ${response.status} ${response.statusText}`);
    try {
      return await response.json();
    } catch {
      throw new UploadError(`${what}: ${options.hostname} answered ${response.status} without a JSON:API document`);
    }
  };

  for (const [i, s] of options.stacks.entries()) {
    const what = `workspace ${s.workspace}`;
    const ws = await api("GET", `${base}/api/v2/organizations/${encodeURIComponent(options.organization)}/workspaces/${encodeURIComponent(s.workspace)}`, what);
    const id = ws?.data?.id;
    if (typeof id !== "string") throw new UploadError(`${what}: the answer names no workspace id`);
    const cv = await api("POST", `${base}/api/v2/workspaces/${encodeURIComponent(id)}/configuration-versions`, what, {
      data: { type: "configuration-versions", attributes: { "auto-queue-runs": s.queue } },
    });
    const uploadUrl = cv?.data?.attributes?.["upload-url"];
    if (typeof uploadUrl !== "string" || !uploadUrl.startsWith(base.startsWith("http://") ? "http://" : "https://")) throw new UploadError(`${what}: the configuration version has no usable upload URL`);
    let put: Response;
    try {
      put = await fetch(uploadUrl, { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: archives[i], signal: AbortSignal.timeout(timeout), redirect: "error" });
    } catch (err) {
      throw new UploadError(`${what}: upload failed (${(err as Error).cause ?? (err as Error).message})`);
    }
    if (!put.ok) throw new UploadError(`${what}: upload refused (${put.status} ${put.statusText})`);
    options.log(`${s.stack} → ${s.workspace} (${cv.data.id}): ${s.queue ? "uploaded, run queued" : "uploaded, runs when its upstream workspaces apply (run trigger)"}`);
  }
}
