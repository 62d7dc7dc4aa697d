// The API token for a Terraform Cloud / Enterprise host, found where Terraform itself looks:
// https://developer.hashicorp.com/terraform/cli/config/config-file#credentials
// Never written anywhere, never printed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** `TF_TOKEN_<host>`: dots become underscores and hyphens double underscores; a port is not part of it. */
export function tokenVariable(hostname: string): string {
  const host = hostname.replace(/:\d+$/, "");
  return `TF_TOKEN_${host.replace(/-/g, "__").replace(/\./g, "_")}`;
}

export interface TokenSource {
  readonly token: string;
  /** Where it came from, for messages (never the token). */
  readonly from: string;
}

/**
 * In order: the TF_TOKEN_<host> variable, a `credentials "<host>"` block in the file
 * TF_CLI_CONFIG_FILE names, then ~/.terraform.d/credentials.tfrc.json (`terraform login`).
 */
export function findToken(hostname: string, env: NodeJS.ProcessEnv = process.env): TokenSource | undefined {
  const variable = tokenVariable(hostname);
  if (env[variable]) return { token: env[variable]!, from: variable };

  const cliConfig = env.TF_CLI_CONFIG_FILE;
  if (cliConfig && fs.existsSync(cliConfig)) {
    const text = fs.readFileSync(cliConfig, "utf8");
    const block = new RegExp(`credentials\\s+"${hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*\\{[^}]*?token\\s*=\\s*"([^"]+)"`).exec(text);
    if (block) return { token: block[1], from: `${cliConfig} (credentials "${hostname}")` };
  }

  const file = path.join(env.HOME ?? os.homedir(), ".terraform.d", "credentials.tfrc.json");
  if (fs.existsSync(file)) {
    try {
      const token = JSON.parse(fs.readFileSync(file, "utf8"))?.credentials?.[hostname]?.token;
      if (typeof token === "string" && token) return { token, from: file };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
