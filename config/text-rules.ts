// Text from configs and profiles ends up in Terraform JSON, where two things read it before AWS
// does: cdktf, which replaces token markers (`${TfToken[TOKEN.n]}`, `#{TfToken[...]}`,
// `&{TfToken[...]}` and numbers in its reserved range) with references to other resources, and
// Terraform, which evaluates `${...}` and `%{...}` in every string as an expression. So:
// - cdktf token syntax is refused everywhere: no escape stops cdktf from resolving it.
// - `${` and `%{` are refused in every value except free prose (descriptions, reasons), which
//   keeps them and is emitted escaped (`$${`, `%%{`) so Terraform prints them literally.
// - Control characters and unpaired surrogates are refused everywhere: AWS APIs reject them and
//   they cannot be seen in a terminal.
// docs/bad-input.md lists every field and what it accepts.

/** One way a user string could be read as something other than text. */
const TOKEN_MARKERS = ["${TfToken[", "#{TfToken[", "&{TfToken["];
/** Strings cdktf treats as an encoded map token when they are a whole value. */
const MAP_TOKEN_VALUES = ["String Map Token Value", "Any Map Token Value"];
/** cdktf's number tokens are doubles whose top 16 bits are one of these (see cdktf/lib/tokens/private/encoding). */
const NUMBER_TOKEN_BITS = [0xfdff, 0xfbff];
/** A number as cdktf looks for one inside a string (its NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** True when `n` is one of the doubles cdktf uses to smuggle a token through a number. */
export function isNumberToken(n: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return NUMBER_TOKEN_BITS.includes(view.getUint16(0));
}

/** What makes a string unsafe to hand to cdktf at all, or undefined. */
export function tokenSyntaxIn(s: string): string | undefined {
  const marker = TOKEN_MARKERS.find((m) => s.includes(m));
  if (marker) return `cdktf token syntax ${JSON.stringify(marker)}`;
  if (MAP_TOKEN_VALUES.includes(s)) return `the text cdktf uses for a map token`;
  for (const match of s.matchAll(NUMBER_IN_STRING)) {
    if (isNumberToken(parseFloat(match[0]))) return `the number ${match[0]}, which cdktf reads as a token`;
  }
  return undefined;
}

/** The Terraform template sequence in a string (`${` or `%{`), or undefined. */
export function interpolationIn(s: string): string | undefined {
  return ["${", "%{"].find((seq) => s.includes(seq));
}

/** A string Terraform reads literally: `${` and `%{` escaped as `$${` and `%%{`. */
export function terraformLiteral(s: string): string {
  // A function, not a replacement string: in one, "$$" means a single "$".
  return s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0, DEL, C1, and the Unicode line and paragraph separators (line breaks to every terminal and JavaScript). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** A JSON pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A value as a message shows it: JSON, shortened past 60 characters. */
export function shown(value: string): string {
  // JSON leaves the Unicode line and paragraph separators as they are: escaped, a message stays one line.
  const json = (v: string) => JSON.stringify(v).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return json(value).length <= 62 ? json(value) : `${json(value.slice(0, 40))}... (${[...value].length} characters)`;
}

export interface TextRuleOptions {
  /** Pointers (as patterns over the data's pointer) of free prose: `${` and `%{` are kept there. */
  readonly prose: readonly RegExp[];
  /** Pointers whose values may be secrets: never shown. */
  readonly secret?: RegExp;
  /** Pointers already reported (by the schema): not reported again. */
  readonly skip?: (pointer: string) => boolean;
}

/**
 * Checks every string (keys included) in a parsed config or profile. One line per bad string, in
 * document order: `<display>: <pointer> <what is wrong> (got <value>)`.
 */
export function checkText(data: unknown, display: string, options: TextRuleOptions, problems: string[]): void {
  const visit = (value: unknown, pointer: string): void => {
    if (typeof value === "string") {
      checkString(value, pointer, false);
    } else if (typeof value === "number") {
      if (isNumberToken(value) && !options.skip?.(pointer)) {
        problems.push(`${display}: ${pointer || "/"} is a number cdktf reserves for its tokens, which would become a reference to another resource (got ${value})`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${pointer}/${i}`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const at = `${pointer}/${pointerSegment(k)}`;
        checkString(k, at, true);
        visit(v, at);
      }
    }
  };
  const checkString = (s: string, pointer: string, isKey: boolean): void => {
    if (options.skip?.(pointer)) return;
    const what = isKey ? `${pointer.slice(0, pointer.lastIndexOf("/")) || "/"} key` : pointer;
    // Built only for a problem: most strings have none, and showing one costs more than checking it.
    const got = () => (options.secret?.test(pointer) ? "(the value is not shown: it may be a secret)" : `(got ${shown(s)})`);
    const lone = LONE_SURROGATE.exec(s);
    if (lone) {
      problems.push(`${display}: ${what} holds half of a UTF-16 surrogate pair (\\u${lone[0].charCodeAt(0).toString(16).toUpperCase()} at character ${lone.index + 1}), which is not text; retype the character ${got()}`);
      return;
    }
    const control = CONTROL.exec(s);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      problems.push(`${display}: ${what} must not contain control characters such as NUL, tabs or line breaks (U+${code} at character ${control.index + 1}) ${got()}`);
      return;
    }
    const token = tokenSyntaxIn(s);
    if (token) {
      problems.push(`${display}: ${what} must not contain ${token}: cdktf would replace it with a reference to another resource ${got()}`);
      return;
    }
    const sequence = interpolationIn(s);
    if (sequence && (isKey || !options.prose.some((p) => p.test(pointer)))) {
      problems.push(`${display}: ${what} must not contain "${sequence}": Terraform would read it as an expression, and this value is used as written ${got()}`);
    }
  };
  visit(data, "");
}
