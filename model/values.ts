/**
 * What a stored value may be: how deep, how large, which characters. One check for every door a value comes in
 * by (plan files, HTTP bodies, sync updates), and the repairs used when reading or exporting data stored before
 * the check existed.
 * - depth: nesting of arrays and objects inside one value (a node's field, a comment), at most MAX_VALUE_DEPTH;
 * - size: roughly the bytes of the value as JSON, at most MAX_VALUE_BYTES (sync only; files have their own bound);
 * - characters: only characters XML 1.0 allows (no U+0000–U+001F except tab, newline and carriage return; no
 *   U+FFFE/U+FFFF; no lone surrogates), in strings and in object keys, so every export is well-formed;
 * - keys: no object key may be `__proto__`, `constructor` or `prototype` (RESERVED_KEYS), at any depth.
 *
 * Why the reserved keys are refused rather than kept: Yjs stores a JSON value through lib0's encoding, and lib0
 * decodes an object by assignment (`obj[key] = value`). A key `__proto__` then sets the decoded object's prototype
 * instead of a key, so the replica that wrote `{"__proto__": 0}` holds it and every other replica holds `{}`:
 * replicas diverge, and an object value under that key becomes the prototype of what others read. No door can keep
 * such a key safely, so every door refuses it with the JSON path: plan files and spreadsheets (model/schema.ts),
 * HTTP bodies (server/http.ts), the editor's own writes (model/ydoc.ts) and sync updates (server/integrity.ts, which
 * also looks at the update's bytes, since a decoded update no longer shows the key). `constructor` and `prototype`
 * decode as own keys, but are refused too: they mean nothing in a plan and are the usual start of prototype
 * pollution in code that walks a value.
 */

export const MAX_VALUE_DEPTH = 32;
export const MAX_VALUE_BYTES = 256 * 1024;

/** Object keys no plan value may hold (see the header). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

function reservedKeyMessage(key: string): string {
  return `feltnavnet ${JSON.stringify(key)} er ikke tilladt (${[...RESERVED_KEYS].map((name) => `"${name}"`).join(', ')} er forbeholdt)`;
}

/** The JSON path of the first reserved key in a value (without recursion), or null. */
export function reservedKeyPath(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object' || current instanceof Uint8Array) continue;
    if (Array.isArray(current)) {
      current.forEach((inner, index) => stack.push({ value: inner, path: joinPath(path, index) }));
      continue;
    }
    if (!hasPlainPrototype(current)) return joinPath(path, '__proto__');
    for (const key of Object.keys(current)) {
      if (isReservedKey(key)) return joinPath(path, key);
      stack.push({ value: (current as Record<string, unknown>)[key], path: joinPath(path, key) });
    }
  }
  return null;
}

/** `__proto__` as lib0 writes a string: its length (9, one varuint byte), then its UTF-8 bytes. */
const PROTO_VAR_STRING = Uint8Array.of(9, ...Array.from('__proto__', (char) => char.charCodeAt(0)));

/**
 * Whether an encoded Yjs update may hold the key `__proto__`: its bytes hold the string as lib0 writes it (a map
 * key, an object key inside a value, or a text of exactly these nine characters). Decoding the update cannot tell:
 * lib0 has already dropped such a key, or made its value the prototype, by then (see the header).
 */
export function updateHoldsProtoKey(update: Uint8Array): boolean {
  const first = PROTO_VAR_STRING[0]!;
  for (let at = update.indexOf(first); at !== -1 && at + PROTO_VAR_STRING.length <= update.length; at = update.indexOf(first, at + 1)) {
    let match = true;
    for (let i = 1; i < PROTO_VAR_STRING.length && match; i++) match = update[at + i] === PROTO_VAR_STRING[i];
    if (match) return true;
  }
  return false;
}

/** Characters XML 1.0 does not allow (lone surrogates included). */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface ValueProblem {
  /** where in the value, as `a.b[2]` ('' for the value itself) */
  path: string;
  message: string;
}

export interface ValueLimits {
  maxDepth?: number;
  maxBytes?: number;
}

/** Every character that can be part of an invalid one: a cheap test that clears almost every text at once. */
const SUSPECT_CHARS = /[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function hasInvalidChars(text: string): boolean {
  if (!SUSPECT_CHARS.test(text)) return false;
  INVALID_XML_CHARS.lastIndex = 0;
  return INVALID_XML_CHARS.test(text);
}

/** The text without the characters XML 1.0 does not allow. */
export function stripInvalidChars(text: string): string {
  return hasInvalidChars(text) ? text.replace(INVALID_XML_CHARS, '') : text;
}

function describeChar(text: string): string {
  INVALID_XML_CHARS.lastIndex = 0;
  const found = INVALID_XML_CHARS.exec(text)?.[0] ?? '';
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$~][\w$~-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

interface Visit {
  value: unknown;
  depth: number;
  /** where the value sits: its container's visit and its key there (null for the value itself) */
  parent: Visit | null;
  key: string | number;
}

/** The path of a visited value, built only when a problem is reported (most values have none). */
function pathOf(visit: Visit, at: string): string {
  const keys: Array<string | number> = [];
  for (let current: Visit | null = visit; current?.parent; current = current.parent) keys.push(current.key);
  return keys.reverse().reduce<string>((path, key) => joinPath(path, key), at);
}

/**
 * The first problem of a JSON-like value, or null. Walks without recursion and stops at the first problem, so a
 * hostile value 100,000 levels deep costs no stack and little time.
 */
export function valueProblem(value: unknown, limits: ValueLimits = {}, at = ''): ValueProblem | null {
  const maxDepth = limits.maxDepth ?? MAX_VALUE_DEPTH;
  const maxBytes = limits.maxBytes ?? Infinity;
  let bytes = 0;
  const stack: Visit[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value: current, depth } = visit;
    if (typeof current === 'string') {
      bytes += current.length + 2;
      if (hasInvalidChars(current)) return { path: pathOf(visit, at), message: `teksten indeholder et tegn der ikke er tilladt (${describeChar(current)})` };
    } else if (current !== null && typeof current === 'object' && !(current instanceof Uint8Array)) {
      if (depth >= maxDepth) return { path: pathOf(visit, at), message: `værdien er indlejret dybere end ${maxDepth} niveauer` };
      bytes += 2;
      // a decoded `{"__proto__": {...}}` (lib0, see the header) shows no key, only a foreign prototype
      if (!Array.isArray(current) && !hasPlainPrototype(current)) return { path: pathOf(visit, at), message: reservedKeyMessage('__proto__') };
      if (Array.isArray(current)) {
        for (let i = 0; i < current.length; i++) stack.push({ value: current[i], depth: depth + 1, parent: visit, key: i });
      } else {
        for (const key of Object.keys(current)) {
          bytes += key.length + 3;
          if (hasInvalidChars(key)) return { path: pathOf(visit, at), message: `et feltnavn indeholder et tegn der ikke er tilladt (${describeChar(key)})` };
          if (isReservedKey(key)) return { path: joinPath(pathOf(visit, at), key), message: reservedKeyMessage(key) };
          stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1, parent: visit, key });
        }
      }
    } else {
      bytes += current instanceof Uint8Array ? current.byteLength : 8;
    }
    if (bytes > maxBytes) return { path: at, message: `værdien er større end ${Math.round(maxBytes / 1024)} kB` };
  }
  return null;
}

function hasPlainPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** How deep a value is nested, counting no further than `limit` + 1 (without recursion). */
export function exceedsDepth(value: unknown, limit = MAX_VALUE_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: inner, depth: depth + 1 });
  }
  return false;
}

/** What `withCleanText` made: cleaning it again would copy it for nothing. */
const CLEANED = new WeakSet<object>();

/**
 * A copy of a JSON value with every string (and key) stripped of characters XML does not allow. A value this made
 * is returned as it is: an export cleans its plan once (model/export/index.ts), and the exporters and figures that
 * clean what they are given, for callers who call them directly, cost nothing more. (Nothing mutates an export's
 * plan, so what was clean stays clean.)
 */
export function withCleanText<T>(value: T): T {
  if (typeof value === 'string') return stripInvalidChars(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (CLEANED.has(value)) return value;
  const copy = cleanValue(value);
  CLEANED.add(copy as object);
  return copy;
}

function cleanValue<T>(value: T): T {
  if (typeof value === 'string') return stripInvalidChars(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cleanValue(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const clean = stripInvalidChars(key);
    if (clean === '__proto__') Object.defineProperty(copy, clean, { value: cleanValue(inner), enumerable: true, writable: true, configurable: true });
    else copy[clean] = cleanValue(inner);
  }
  return copy as T;
}
