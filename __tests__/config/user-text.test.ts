import * as fs from "fs";
import * as path from "path";
import { ConfigError, checkEvent } from "../../config/load";
import eventSchema from "../../config/event.schema.json";
import { PROFILES_DIR, ROOT, shippedConfigs, synthApp } from "../support/project";
import { pointersFor, stringAt, stringFields, withString } from "../support/schema-strings";

// No user string becomes Terraform syntax. Every string field of the event schema (found by
// walking the schema) gets each form of interpolation a user could type or paste; the config is
// either rejected with one line naming the field, or synthesized with the text in literal form.

const EXAMPLES = path.join(ROOT, "config", "examples");

/** A double in the range cdktf reserves for number tokens (top 16 bits 0xfdff), as text. */
function numberTokenText(): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, 0xfdff);
  view.setUint16(6, 1);
  return String(view.getFloat64(0));
}

/** What a user could type that Terraform or cdktf would not take as text, and how to spot it unescaped in the output. */
const FORMS: { name: string; text: string; unescaped: RegExp; escaped?: string }[] = [
  { name: "Terraform interpolation", text: "${aws_iam_role.x.arn}", unescaped: /(^|[^$])\$\{aws_iam_role\.x\.arn\}/, escaped: "$${aws_iam_role.x.arn}" },
  { name: "Terraform directive", text: "%{ if true }x%{ endif }", unescaped: /(^|[^%])%\{ if true \}/, escaped: "%%{ if true }x%%{ endif }" },
  { name: "cdktf string token", text: "${TfToken[TOKEN.1]}", unescaped: /TfToken|\$\{aws_/ },
  { name: "cdktf list token", text: "#{TfToken[TOKEN.1]}", unescaped: /TfToken/ },
  { name: "cdktf map token", text: "&{TfToken[TOKEN.1]}", unescaped: /TfToken/ },
  // cdktf resolves a number in its token range only where the number stands on its own (a value
  // ending in "v2.0" runs into it and is read as 2.0): such values must come out exactly as written.
  { name: "cdktf number token", text: numberTokenText(), unescaped: /TfToken/, escaped: numberTokenText() },
];

/** The shipped configurations, plus the fields none of them sets (so every schema field has a value to replace). */
function baseConfigs(): { name: string; config: Record<string, any> }[] {
  const shipped = shippedConfigs().map((f) => ({ name: f, config: JSON.parse(fs.readFileSync(path.join(ROOT, f), "utf8")) }));
  const extra = structuredClone(shipped.find((s) => s.name.endsWith("protected-playback.json"))!.config);
  extra.policy = { waivers: [{ rule: "cdn-viewer-tls", resource: "title-fight-cdn/Delivery/Distribution", reason: "the legacy set-top boxes of the venue only speak TLS 1.1" }] };
  extra.delivery.customDomain.certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab";
  extra.packaging.endpoints["cmaf-drm"].encryption.certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab";
  const states = shipped.filter((s) => s.config.state?.s3 || s.config.state?.cloud).map((s) => structuredClone(s));
  for (const s of states) {
    if (s.config.state.s3) s.config.state.s3.kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab";
    if (s.config.state.cloud) s.config.state.cloud.hostname = "tfe.example.com";
  }
  return [...shipped, { name: "protected-playback (maximal)", config: extra }, ...states.map((s) => ({ name: `${s.name} (state)`, config: s.config }))];
}

function outcome(config: unknown): { problems: readonly string[] } | { loaded: ReturnType<typeof checkEvent> } {
  try {
    return { loaded: checkEvent(config, "test.json", PROFILES_DIR, EXAMPLES) };
  } catch (err) {
    if (err instanceof ConfigError) return { problems: err.problems };
    throw err;
  }
}

/** Every string in a synthesized stack, keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/** Fields of the event file that never reach the synthesized Terraform (the policy pack reads them). */
const NOT_EMITTED = [/^\/policy\/waivers\/\d+\/reason$/];

const fields = stringFields(eventSchema as Record<string, any>);
const bases = baseConfigs();

test("the schema walk finds the string fields, and the shipped configs cover every one", () => {
  expect(fields.length).toBeGreaterThanOrEqual(40);
  const uncovered = fields.filter((f) => !bases.some((b) => pointersFor(b.config, f.pattern).length > 0)).map((f) => f.pattern);
  expect(uncovered).toEqual([]);
  for (const b of bases) expect(outcome(b.config)).toHaveProperty("loaded");
});

type Form = (typeof FORMS)[number];

/**
 * What each field does with a form: the pointers that reject it, with their problems, and per base
 * config the pointers that accept it. Each field is tried in the first base config that sets it
 * (the walk above shows one does): the rules are the field's, the same in every config, and every
 * other config would only repeat them. Loading is cheap; the forms share one synthesis (below).
 */
const verdicts = new Map<Form, { rejected: { pointer: string; problems: readonly string[] }[]; accepted: Map<string, string[]> }>();
function verdict(form: Form) {
  let v = verdicts.get(form);
  if (v) return v;
  v = { rejected: [], accepted: new Map<string, string[]>() };
  for (const field of fields) {
    for (const base of bases.filter((b) => pointersFor(b.config, field.pattern).length > 0).slice(0, 1)) {
      for (const pointer of pointersFor(base.config, field.pattern)) {
        const result = outcome(withString(base.config, pointer, `${stringAt(base.config, pointer)}${form.text}`));
        if ("problems" in result) v.rejected.push({ pointer, problems: result.problems });
        else v.accepted.set(base.name, [...(v.accepted.get(base.name) ?? []), pointer]);
      }
    }
  }
  verdicts.set(form, v);
  return v;
}

describe.each(FORMS)("$name", (form) => {
  test("in any string field: rejected with one line naming the field, or accepted only where it can be written literally", () => {
    const { rejected, accepted } = verdict(form);
    expect(rejected.length).toBeGreaterThan(0);
    for (const { pointer, problems } of rejected) {
      // One line, naming the field (or its key, for a field that is a map key's value).
      expect({ pointer, problems }).toEqual({ pointer, problems: [expect.stringMatching(new RegExp(`^test\\.json: ${pointer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\S`))] });
    }
    // A form Terraform has no escape for (cdktf's tokens) must be refused everywhere.
    if (!form.escaped) expect([...accepted.values()].flat()).toEqual([]);
  });
});

test("every accepted value of every form, all in one config per base, is synthesized literally (escaped where Terraform would read it)", () => {
  // Per base config, each accepted field gets every form it accepts, one after the other: one
  // synthesis per base instead of one per base and form (synthesis is the slow part).
  const perBase = new Map<string, Map<string, Form[]>>();
  for (const form of FORMS) {
    for (const [name, pointers] of verdict(form).accepted) {
      const forms = perBase.get(name) ?? new Map<string, Form[]>();
      for (const pointer of pointers) forms.set(pointer, [...(forms.get(pointer) ?? []), form]);
      perBase.set(name, forms);
    }
  }
  expect(perBase.size).toBeGreaterThan(0);
  for (const [name, forms] of perBase) {
    const base = bases.find((b) => b.name === name)!;
    // Each field's forms side by side make a new value (a length or a number's neighbours can
    // differ from each form's own check): when the base with all of them together is refused,
    // each form is synthesized on its own, as it was checked.
    const all = configWith(base.config, forms);
    const groups = "loaded" in outcome(all) ? [forms] : oneFormEach(forms);
    for (const group of groups) {
      const config = configWith(base.config, group);
      const result = outcome(config);
      if (!("loaded" in result)) throw new Error(`${name} with ${[...group.keys()].join(", ")}: ${result.problems.join("; ")}`);
      const text = stringsOf(synthApp(result.loaded));
      // Nothing of a form this base accepted is left for Terraform to read, and no cdktf token is left unresolved.
      const present = new Set([...group.values()].flat());
      for (const form of present) expect({ name, form: form.name, unescaped: text.filter((s) => form.unescaped.test(s)) }).toEqual({ name, form: form.name, unescaped: [] });
      expect({ name, tokens: text.filter((s) => s.includes("TfToken")) }).toEqual({ name, tokens: [] });
      // Each accepted value comes out as written, escaped where Terraform would read it, unless the
      // field never reaches Terraform at all.
      const missing = [...group]
        .filter(([p]) => !NOT_EMITTED.some((re) => re.test(p)))
        .filter(([p, accepted]) => !text.some((s) => s.includes(`${stringAt(base.config, p)}${accepted.map((f) => f.escaped).join("")}`)))
        .map(([p]) => p);
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  }
});

/** The same pointers, split into one group per form (in FORMS order), each pointer with that form alone. */
function oneFormEach(forms: ReadonlyMap<string, readonly Form[]>): Map<string, Form[]>[] {
  return FORMS.map((form) => new Map([...forms].filter(([, f]) => f.includes(form)).map(([p]) => [p, [form]]))).filter((g) => g.size > 0);
}

/** `config` with each pointer's string followed by its forms' texts, in order. */
function configWith(config: Record<string, any>, forms: ReadonlyMap<string, readonly Form[]>): Record<string, any> {
  let out = config;
  for (const [pointer, accepted] of forms) out = withString(out, pointer, `${stringAt(config, pointer)}${accepted.map((f) => f.text).join("")}`);
  return out;
}

// The same for profiles: every string field of the ladder schema (a shipped ladder with captions
// added covers them all), and every string the shipped MediaLive templates set.
import * as os from "os";
import ladderSchema from "../../encoding-profiles/ladder.schema.json";
import { loadProfileFile } from "../../encoding-profiles/profiles";

function profileBases(): { file: string; data: Record<string, any> }[] {
  const ladder = JSON.parse(fs.readFileSync(path.join(PROFILES_DIR, "HD-720p.json"), "utf8"));
  ladder.$schema = "./ladder.schema.json";
  ladder.description = ladder.description ?? "720p ladder";
  ladder.captions = { languages: [{ channel: 1, language: "eng", description: "English" }] };
  const templates = ["imported-avc-1080p", "imported-hevc-2160p"].map((n) => ({ file: n, data: JSON.parse(fs.readFileSync(path.join(PROFILES_DIR, `${n}.json`), "utf8")) }));
  return [{ file: "HD-720p", data: ladder }, ...templates];
}

/** Every string pointer in a JSON value. */
function stringPointers(value: unknown, at = ""): string[] {
  if (typeof value === "string") return [at];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => stringPointers(v, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
}

test("the ladder schema's string fields are all set in the profile test's base ladder", () => {
  const ladder = profileBases()[0].data;
  expect(stringFields(ladderSchema as Record<string, any>).filter((f) => pointersFor(ladder, f.pattern).length === 0).map((f) => f.pattern)).toEqual([]);
});

test("in any string of a ladder or template, a Terraform interpolation or directive is rejected with one line naming it, or synthesized literally", () => {
  const forms = FORMS.filter((f) => f.escaped && !f.name.includes("number"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profiles-"));
  try {
    const rejected = new Map<Form, number>(forms.map((f) => [f, 0]));
    for (const base of profileBases()) {
      // Each string with each form on its own: rejected in one line naming it, or accepted.
      const accepted = new Map<string, Form[]>();
      for (const pointer of stringPointers(base.data)) {
        if (pointer === "/name" || pointer === "/$schema") continue; // the file name and the editor hint, never emitted
        for (const form of forms) {
          fs.writeFileSync(path.join(dir, `${base.file}.json`), JSON.stringify(withString(base.data, pointer, `${stringAt(base.data, pointer)}${form.text}`)));
          const problems: string[] = [];
          loadProfileFile(path.join(dir, `${base.file}.json`), "p.json", problems);
          if (problems.length > 0) {
            expect({ form: form.name, pointer, problems }).toEqual({ form: form.name, pointer, problems: [expect.stringContaining(`p.json: ${pointer} `)] });
            rejected.set(form, rejected.get(form)! + 1);
          } else accepted.set(pointer, [...(accepted.get(pointer) ?? []), form]);
        }
      }
      // One event on the profile with every accepted string carrying every form it accepts,
      // synthesized once; when the profile with all of them together is refused, once per form.
      if (accepted.size === 0) continue;
      const file = path.join(dir, `${base.file}.json`);
      fs.writeFileSync(file, JSON.stringify(configWith(base.data, accepted)));
      const together = loadProfileFile(file, "p.json", []) !== undefined;
      const groups = together ? [accepted] : oneFormEach(accepted);
      for (const group of groups) {
        fs.writeFileSync(file, JSON.stringify(configWith(base.data, group)));
        const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "default.json"), "utf8"));
        config.channel = { ...config.channel, encodingProfile: base.file };
        const text = stringsOf(synthApp(checkEvent(config, "test.json", dir)));
        for (const form of forms) {
          expect({ profile: base.file, form: form.name, unescaped: text.filter((s) => form.unescaped.test(s)) }).toEqual({ profile: base.file, form: form.name, unescaped: [] });
          if ([...group.values()].some((a) => a.includes(form))) expect({ profile: base.file, form: form.name, escaped: text.some((s) => s.includes(form.escaped!)) }).toEqual({ profile: base.file, form: form.name, escaped: true });
        }
      }
    }
    for (const form of forms) expect({ form: form.name, rejected: rejected.get(form)! > 10 }).toEqual({ form: form.name, rejected: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Names generated from config values fit the naming helper whenever the schema admits the value:
// a signed-URL key named "paywall-" used to pass the schema and crash in naming.
import fc from "fast-check";
import { Naming, REGION_CODES } from "../../modules/naming";

test("every signed-URL key name and event name the schema admits makes a valid CloudFront key name", () => {
  const keyPattern = new RegExp((eventSchema as any).properties.delivery.properties.signedUrls.properties.publicKeys.propertyNames.pattern, "u");
  const eventPattern = new RegExp((eventSchema as any).properties.event.properties.name.pattern, "u");
  fc.assert(
    fc.property(fc.stringMatching(eventPattern), fc.stringMatching(keyPattern), fc.constantFrom(...Object.keys(REGION_CODES), "global"), (event, key, scope) => {
      expect(() => new Naming(event, scope).name(`key-${key}`, 128)).not.toThrow();
    }),
    { seed: 20261130, numRuns: 500 },
  );
  expect(keyPattern.test("paywall-")).toBe(false);
});
