// A strict JSON reader that explains itself: where a text first stops being JSON (JSON.parse
// gives no position for many mistakes), and which object keys repeat (JSON.parse silently keeps
// the last one, so a second endpoint "ts" would replace the first without a word).

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
}

class Stop extends Error {
  constructor(
    public readonly offset: number,
    public readonly reason: string,
  ) {
    super(reason);
  }
}

/** Scans a JSON text. The result has no error exactly when JSON.parse accepts the text. */
export function scanJson(text: string): JsonScan {
  let i = 0;
  const duplicates: { pointer: string; key: string; first: TextPosition; second: TextPosition }[] = [];
  const position = (offset: number): TextPosition => {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
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
      out += c;
      i++;
    }
  };

  const value = (pointer: string): void => {
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
        const word = /^[A-Za-z_$][A-Za-z0-9_$-]*(?=\s*:)/.exec(text.slice(i, i + 64))?.[0];
        if (word) throw new Stop(i, `keys take double quotes: write "${word}"`);
        if (text[i] !== '"') fail("expected a key in double quotes");
        const keyAt = i;
        const key = string();
        if (seen.has(key)) duplicates.push({ pointer, key, first: position(seen.get(key)!), second: position(keyAt) });
        else seen.set(key, keyAt);
        space();
        if (text[i] !== ":") fail(`expected : after the key ${JSON.stringify(key)}`);
        i++;
        value(`${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
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
        value(`${pointer}/${index}`);
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
        if (i < text.length && /["{[0-9tfn-]/.test(text[i])) throw new Stop(i, `a comma is missing between items ${index + 1} and ${index + 2} of ${pointer || "the list"}`);
        fail("expected , or ] after an item");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal && !/[A-Za-z0-9_]/.test(text[i + literal[0].length] ?? "")) {
      i += literal[0].length;
      return;
    }
    fail("expected a value (an object, list, string, number, true, false or null)");
  };

  try {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    i = start;
    space();
    if (i >= text.length) throw new Stop(0, "the file is empty; it must hold a JSON object");
    value("");
    space();
    if (i < text.length) throw new Stop(i, `unexpected ${JSON.stringify(text[i])} after the end of the JSON value: one file holds one object`);
    return { duplicates };
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { error: { at: position(err.offset), message: err.reason }, duplicates: [] };
  }
}
