// The string values a JSON Schema admits, found by walking the schema (properties, items,
// additionalProperties, $ref), so that tests cover every field the schema has, today's and future.

type Schema = Record<string, any>;

/** A string field: its pointer with `*` for any key or index, and its own schema. */
export interface StringField {
  readonly pattern: string;
  readonly schema: Schema;
}

/** Every string-valued field of `root` that is not an enum (free text, names, URLs, ARNs...). */
export function stringFields(root: Schema): StringField[] {
  const out: StringField[] = [];
  const resolve = (s: Schema): Schema => {
    let node = s;
    while (node.$ref) {
      const parts = String(node.$ref).replace(/^#\//, "").split("/");
      node = parts.reduce((n: Schema, p) => n[p], root);
    }
    return node;
  };
  const walk = (s: Schema, at: string, depth: number) => {
    const node = resolve(s);
    if (depth > 30) return;
    if (node.type === "string" && !node.enum) out.push({ pattern: at, schema: node });
    for (const [key, child] of Object.entries<Schema>(node.properties ?? {})) walk(child, `${at}/${key}`, depth + 1);
    if (node.items) walk(node.items, `${at}/*`, depth + 1);
    if (node.additionalProperties && typeof node.additionalProperties === "object") walk(node.additionalProperties, `${at}/*`, depth + 1);
  };
  walk(root, "", 0);
  return out;
}

/** The concrete pointers in `data` that a field pattern matches. */
export function pointersFor(data: unknown, pattern: string): string[] {
  const parts = pattern.split("/").slice(1);
  const found: string[] = [];
  const walk = (node: unknown, i: number, at: string) => {
    if (i === parts.length) {
      if (typeof node === "string") found.push(at);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const keys = parts[i] === "*" ? Object.keys(node) : [parts[i]];
    for (const k of keys) {
      if (k in (node as object)) walk((node as Record<string, unknown>)[k], i + 1, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  walk(data, 0, "");
  return found;
}

/** The keys a JSON pointer names, unescaped. */
function pointerKeys(pointer: string): string[] {
  return pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The string at `pointer` in `data`. */
export function stringAt(data: unknown, pointer: string): string {
  return pointerKeys(pointer).reduce((node: any, k) => node[k], data);
}

/** A copy of `data` with the string at `pointer` replaced. */
export function withString(data: unknown, pointer: string, value: string): any {
  const copy = structuredClone(data) as any;
  const keys = pointerKeys(pointer);
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys[keys.length - 1]] = value;
  return copy;
}
