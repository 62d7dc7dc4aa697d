// A strict JSON reader that explains itself: where a text first stops being JSON (JSON.parse
// gives no position for many mistakes), and which object keys repeat (JSON.parse silently keeps
// the last one, so a second endpoint "ts" would replace the first without a word).
// Why not a library (jsonc-parser, momoa, json-source-map): docs/design.md, measured.

/** A place in the text, 1-based, for messages. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface JsonScan {
  /** The first syntax error, if any. */
  readonly error?: { readonly at: TextPosition; readonly message: string };
  /** Keys given twice in one object: the object's JSON pointer, the key, and both positions. */
  readonly duplicates: readonly { readonly pointer: string; readonly key: string; readonly first: TextPosition; readonly second: TextPosition }[];
  /**
   * Numbers JSON allows but no reader keeps as written: too large (1e400 becomes Infinity), too
   * small (1e-400 becomes 0), or whole numbers beyond 2^53 (rounded).
   */
  readonly numbers: readonly { readonly pointer: string; readonly text: string; readonly reason: string }[];
}

class Stop extends Error {
  constructor(
    public readonly offset: number,
    public readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Scans a JSON text in one pass (linear in its length, however many problems it has). The result
 * has no error exactly when JSON.parse accepts the text, except that nesting deeper than 256
 * levels is an error.
 */
export function scanJson(text: string): JsonScan {
  let i = 0;
  const duplicates: { pointer: string; key: string; first: TextPosition; second: TextPosition }[] = [];
  const numbers: { pointer: string; text: string; reason: string }[] = [];
  /** Offsets where lines start, found once when the first position is needed. */
  let lineStarts: number[] | undefined;
  const position = (offset: number): TextPosition => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const space = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  /** The brackets still open, innermost last, so a truncated file can say what is missing. */
  const open: string[] = [];
  const fail = (reason: string): never => {
    if (i >= text.length) {
      const closers = [...open].reverse();
      throw new Stop(i, `the file ends before the JSON is complete: ${closers.length === 0 ? "a value is" : `${closers.length === 1 ? "a closing" : "closing"} ${closers.join(" ")} ${closers.length === 1 ? "is" : "are"}`} missing`);
    }
    if (text[i] === "/") throw new Stop(i, "JSON has no comments; remove the comment");
    if (text[i] === "'") throw new Stop(i, "strings and keys take double quotes, not single quotes");
    const word = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(text.slice(i, i + 64))?.[0];
    throw new Stop(i, `${reason}, found ${word ?? JSON.stringify(text[i])}`);
  };

  /** The string starting at i, without consuming it (for messages). */
  const peekString = (): string => {
    const start = i;
    try {
      return string();
    } catch {
      return text.slice(start + 1, start + 30);
    } finally {
      i = start;
    }
  };
  const string = (): string => {
    const start = i++;
    let out = "";
    for (;;) {
      if (i >= text.length) throw new Stop(start, "this string is never closed; add the closing double quote");
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\n" || c === "\r") throw new Stop(start, "this string is not closed before the end of the line; add the closing double quote");
      if (c < " ") throw new Stop(i, "a string cannot hold a control character such as a tab; write it escaped (\\t)");
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i, `${JSON.stringify(`\\${e ?? ""}`)} is not a JSON escape; write a backslash as \\\\`);
        out += e;
        i += 2;
        continue;
      }
      // A run of plain characters at once: long strings stay fast.
      PLAIN.lastIndex = i;
      const run = PLAIN.exec(text)![0];
      out += run.length > 0 ? run : c;
      i += Math.max(run.length, 1);
    }
  };

  /** The keys and indexes leading to the value being read; a pointer is built only for a message. */
  const route: (string | number)[] = [];
  const here = () => route.map((k) => `/${typeof k === "number" ? k : k.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
  const value = (): void => {
    space();
    const c = text[i];
    // No configuration nests this deep; stopping here keeps the reader's own stack safe.
    if (open.length >= 256) throw new Stop(i, "the JSON is nested more than 256 levels deep");
    if (c === "{") {
      i++;
      open.push("}");
      const seen = new Map<string, number>();
      space();
      if (text[i] === "}") {
        i++;
        open.pop();
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') {
          const word = /^[A-Za-z_$][A-Za-z0-9_$-]*(?=\s*:)/.exec(text.slice(i, i + 64))?.[0];
          if (word) throw new Stop(i, `keys take double quotes: write "${word}"`);
          fail("expected a key in double quotes");
        }
        const keyAt = i;
        const key = string();
        if (seen.has(key)) duplicates.push({ pointer: here(), key, first: position(seen.get(key)!), second: position(keyAt) });
        else seen.set(key, keyAt);
        space();
        if (text[i] !== ":") fail(`expected : after the key ${JSON.stringify(key)}`);
        i++;
        route.push(key);
        value();
        route.pop();
        space();
        if (text[i] === ",") {
          const comma = i++;
          space();
          if (text[i] === "}") throw new Stop(comma, "a comma after the last entry of an object; remove it");
          continue;
        }
        if (text[i] === "}") {
          i++;
          open.pop();
          return;
        }
        if (text[i] === '"') throw new Stop(i, `a comma is missing before the key ${JSON.stringify(peekString())}`);
        fail("expected , or } after a value");
      }
    }
    if (c === "[") {
      i++;
      open.push("]");
      space();
      if (text[i] === "]") {
        i++;
        open.pop();
        return;
      }
      for (let index = 0; ; index++) {
        route.push(index);
        value();
        route.pop();
        space();
        if (text[i] === ",") {
          const comma = i++;
          space();
          if (text[i] === "]") throw new Stop(comma, "a comma after the last item of a list; remove it");
          continue;
        }
        if (text[i] === "]") {
          i++;
          open.pop();
          return;
        }
        if (i < text.length && /["{[0-9tfn-]/.test(text[i])) throw new Stop(i, `a comma is missing between items ${index + 1} and ${index + 2} of ${here() || "the list"}`);
        fail("expected , or ] after an item");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    // A literal followed by what may follow a value needs no second look (the common case, kept fast);
    // anything else is first compared with the numbers people write in other languages.
    const wrong = literal && ENDS_VALUE.test(text[i + literal[0].length] ?? "") ? undefined : wrongNumber(text, i);
    if (wrong) throw new Stop(i, wrong);
    if (literal && !/[A-Za-z0-9_]/.test(text[i + literal[0].length] ?? "")) {
      i += literal[0].length;
      if (literal[2] !== undefined) {
        const reason = numberProblem(literal[0]);
        if (reason) numbers.push({ pointer: here(), text: literal[0], reason });
      }
      return;
    }
    fail("expected a value (an object, list, string, number, true, false or null)");
  };

  try {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    i = start;
    space();
    if (i >= text.length) throw new Stop(0, "the file is empty; it must hold a JSON object");
    value();
    space();
    if (i < text.length) throw new Stop(i, `unexpected ${JSON.stringify(text[i])} after the end of the JSON value: one file holds one object`);
    return { duplicates, numbers };
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { error: { at: position(err.offset), message: err.reason }, duplicates: [], numbers: [] };
  }
}

/** Characters a JSON string holds as they are (no quote, backslash, line break or control character). */
const PLAIN = /[^"\\\x00-\x1f]*/y;

/** What may follow a complete value: white space, a comma, a closing bracket, or the end of the text. */
const ENDS_VALUE = /^[ \t\n\r,\]}]?$/;

/** true, false, null or a JSON number (group 2 set for numbers), matched where lastIndex points. */
const LITERAL = /true|false|null|(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/y;

/** A number shortened for a message. */
function short(number: string): string {
  return number.length > 30 ? `${number.slice(0, 20)}… (${number.length} characters)` : number;
}

/** Numbers as people write them in other languages, which JSON does not have; undefined when none starts at `at`. */
function wrongNumber(text: string, at: number): string | undefined {
  const c = text[at];
  // Only these can start one of the forms below; everything else is left to the scanner.
  if (c !== "-" && c !== "+" && c !== "." && c !== "N" && c !== "I" && c !== "0" && !(c >= "1" && c <= "9")) return undefined;
  const next = (re: RegExp) => {
    re.lastIndex = at;
    return re.exec(text)?.[0];
  };
  const hex = next(HEX);
  if (hex) {
    const value = BigInt(hex.replace("-", "")) * (hex.startsWith("-") ? -1n : 1n);
    return `${short(hex)} is a hexadecimal number, which JSON does not have; write it in decimal: ${short(String(value))}`;
  }
  const zero = next(LEADING_ZERO);
  if (zero) return `${short(zero)} starts with a zero, which JSON numbers cannot (it is not octal either); write ${short(zero.replace(/^(-?)0+(?=\d)/, "$1"))}`;
  const plus = next(PLUS);
  if (plus) return `${short(plus)} has a plus sign, which JSON numbers cannot have; write ${short(plus.slice(1))}`;
  const point = next(BARE_POINT);
  if (point) return `${short(point)} needs a digit before the decimal point; write ${short(point.replace(".", "0."))}`;
  const dot = next(TRAILING_POINT);
  if (dot) return `${short(dot)} needs a digit after the decimal point; write ${short(dot.slice(0, -1))}`;
  const word = next(NOT_A_NUMBER);
  if (word) return `${word} is not a JSON number; write a finite number`;
  return undefined;
}

const HEX = /-?0[xX][0-9a-fA-F]+/y;
const LEADING_ZERO = /-?0\d+(\.\d+)?([eE][+-]?\d+)?/y;
const PLUS = /\+\d[\d.eE+-]*/y;
const BARE_POINT = /-?\.\d+/y;
const TRAILING_POINT = /-?\d+\.(?!\d)/y;
const NOT_A_NUMBER = /[-+]?(NaN|Infinity)(?![A-Za-z0-9_])/y;

/** Why a valid JSON number does not survive reading as written, or undefined. */
function numberProblem(number: string): string | undefined {
  // Up to 15 characters without an exponent: neither beyond 2^53 nor out of a double's range.
  if (number.length <= 15 && !number.includes("e") && !number.includes("E")) return undefined;
  const value = Number(number);
  if (!Number.isFinite(value)) return "is too large for a number: it would be read as Infinity";
  if (value === 0 && /[1-9]/.test(number.replace(/[eE].*$/, ""))) return "is too small for a number: it would be read as 0";
  if (/^-?\d+$/.test(number) && !Number.isSafeInteger(value)) return "is a whole number above 9007199254740991, which no reader keeps exactly";
  return undefined;
}
