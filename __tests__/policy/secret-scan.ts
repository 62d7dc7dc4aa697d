// Looks through synthesized files for anything that looks like a secret. A test helper: the
// policy pack keeps secrets out by rule (secrets-by-reference); this scan is the independent
// second look at the bytes that would be committed or uploaded.

const PATTERNS: readonly { readonly what: string; readonly re: RegExp }[] = [
  { what: "an AWS access key id", re: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { what: "a private key", re: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/g },
  { what: "a long base64 blob", re: /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=_-])/g },
  { what: "a long hex string", re: /(?<![0-9A-Za-z_-])[0-9a-fA-F]{32,}(?![0-9A-Za-z_-])/g },
];
/** Keys whose values would be secrets if they held anything but a name, an ARN or a reference. */
const SECRET_KEY = /password|passphrase|secret|private.?key|token|credential/i;
/** Keys that hold where a secret is, not the secret: an ARN, a parameter name, an id, a kind. */
const NAMING_KEY = /(_arns?|_param|_parameter|_name|_id|_type|Arns?|Parameter|Name|Id|Type)$/;
/** A parameter or resource name such as /demo-live/pull-password. */
const NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
/** An ARN, or a value Terraform computes. */
const ARN_OR_REFERENCE = /^arn:aws[a-z-]*:|\$\{/;
/** Public keys are meant to be published (CloudFront signed URLs); their base64 is not a finding. */
const PUBLIC_KEY_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/** One line per suspicious value: `<file>: <what> (<where>)`. Values are never echoed. */
export function secretsIn(files: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const scanned = text.replace(PUBLIC_KEY_BLOCK, "");
    for (const { what, re } of PATTERNS) {
      for (const m of scanned.matchAll(re)) {
        const blob = m[0];
        // Base64 must mix cases and digits: a long run of one word class is a name, not a key.
        if (what === "a long base64 blob" && !(/[a-z]/.test(blob) && /[A-Z]/.test(blob) && /[0-9]/.test(blob))) continue;
        found.push(`${file}: ${what} (${blob.length} characters at offset ${m.index})`);
      }
    }
    if (file.endsWith(".json")) walk(JSON.parse(text), "", (pointer, key, value) => {
      if (!SECRET_KEY.test(key) || /\/tags\//.test(pointer) || value === "" || ARN_OR_REFERENCE.test(value)) return;
      if (!(NAMING_KEY.test(key) && NAME.test(value))) found.push(`${file}: a value that looks like a secret (${pointer})`);
    });
  }
  return found;
}

function walk(value: unknown, pointer: string, visit: (pointer: string, key: string, value: string) => void, key = ""): void {
  if (typeof value === "string") visit(pointer, key, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`, visit, key));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k}`, visit, k);
}
