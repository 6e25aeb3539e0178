/**
 * Where a JSON text breaks: line, column and the text around it. JSON.parse's
 * own message gives a position in some engines and versions only ("Unexpected
 * end of JSON input", "… is not valid JSON" give none), so the text is scanned
 * here, once, when parsing has already failed.
 */
export interface JsonErrorPlace {
  /** Offset in characters (UTF-16 units) of the first character that cannot be there. */
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** What is wrong there, in English. */
  reason: string;
  /** The line around the offset (at most ~60 characters) and the caret's place in it. */
  excerpt: string;
  caret: number;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/** Finds the first syntax error in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorPlace | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const fail = (reason: string, at = i): JsonErrorPlace => place(text, Math.min(at, n), reason);
  const ws = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const show = (at: number) => (at >= n ? 'the end of the text' : `"${text[at]}"`);
  // A stack of open containers: '{' expecting a key, ':' a value after a key, ']' an array.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      if (i >= n) return fail(stack.length ? 'the text ends before the data is complete (a file cut short?)' : 'the text is empty');
      const c = text[i];
      if (c === '{') {
        i++;
        ws();
        if (text[i] === '}') {
          i++;
          expectValue = false;
        } else {
          stack.push('{');
          if (text[i] !== '"') return fail(`expected a property name in double quotes, found ${show(i)}`);
          const e = str();
          if (e) return e;
          ws();
          if (text[i] !== ':') return fail(`expected ":" after the property name, found ${show(i)}`);
          i++;
          stack[stack.length - 1] = ':';
        }
        continue;
      }
      if (c === '[') {
        i++;
        ws();
        if (text[i] === ']') {
          i++;
          expectValue = false;
        } else stack.push(']');
        continue;
      }
      if (c === '"') {
        const e = str();
        if (e) return e;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!m) return fail(`"${c}" does not start a number`);
        i += m[0].length;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return fail(`expected a value (text in double quotes, a number, true, false, null, [ or {), found ${show(i)}`);
      expectValue = false;
      continue;
    }
    // After a value: a comma, the end of the container, or the end of the text.
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? fail(`unexpected ${show(i)} after the end of the data`) : undefined;
    if (i >= n) return fail('the text ends before the data is complete (a file cut short?)');
    const c = text[i];
    if (c === ',') {
      i++;
      ws();
      if (top === ':') {
        if (text[i] !== '"') return fail(text[i] === '}' ? 'a comma before "}" (trailing commas are not allowed in JSON)' : `expected a property name in double quotes, found ${show(i)}`);
        const e = str();
        if (e) return e;
        ws();
        if (text[i] !== ':') return fail(`expected ":" after the property name, found ${show(i)}`);
        i++;
      } else if (text[i] === ']') return fail('a comma before "]" (trailing commas are not allowed in JSON)');
      expectValue = true;
      continue;
    }
    if ((c === '}' && top === ':') || (c === ']' && top === ']')) {
      i++;
      stack.pop();
      continue;
    }
    return fail(`expected "," or "${top === ':' ? '}' : ']'}", found ${show(i)}`);
  }

  function str(): JsonErrorPlace | undefined {
    const start = i;
    i++;
    while (i < n) {
      const k = text.charCodeAt(i);
      if (k === 0x22) {
        i++;
        return undefined;
      }
      if (k === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a \\u escape needs four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`"\\${e ?? ''}" is not a JSON escape`);
        continue;
      }
      if (k < 0x20) return fail(k === 0x0a ? 'a line break inside text (the text in double quotes is not closed?)' : 'a control character inside text');
      i++;
    }
    return fail('the text in double quotes that starts here is never closed (a file cut short?)', start);
  }
}

function place(text: string, offset: number, reason: string): JsonErrorPlace {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g)?.length ?? 0) + 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = offset - lineStart + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, offset - 30);
  const to = Math.min(lineEnd, offset + 30);
  const excerpt = text.slice(from, to).replace(/\r/g, '');
  return { offset, line, column, reason, excerpt, caret: offset - from };
}

/** "line 3, column 14: expected "," or "}", found "x" — near …text…" for messages; falls back to the engine's message. */
export function jsonErrorAt(text: string, e: unknown): string {
  const where = locateJsonError(text);
  if (!where) return e instanceof Error ? e.message : String(e);
  return `line ${where.line}, column ${where.column}: ${where.reason}; near «${where.excerpt}»`;
}
