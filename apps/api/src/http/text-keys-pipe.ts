/**
 * The ValidationPipe with one change to what it does before validating. Nest's own deletes every
 * `__proto__`, `constructor` and `prototype` key of a request, wherever it is and whatever it holds,
 * before anything sees it. But those are valid ids (a question, an agency, a level may be called
 * `constructor`): `answers: { constructor: "satisfied" }` lost its answer unseen and was
 * acknowledged without it. Text under such a key cannot reach a prototype (polluting one takes an
 * object), so this one keeps text there, refuses anything else there with a 400 naming the field
 * (rather than dropping it), and deletes `__proto__` as Nest does (JSON bodies never get that far:
 * the JSON parser refuses them).
 */
import { ValidationPipe } from '@nestjs/common';

/** Something other than text under `constructor` or `prototype`; the pipe says where in the request. */
export class NotText extends Error {
  constructor(readonly field: string) {
    super(`${field} must be text`);
  }
}

const BUILT_IN_TYPES = [Date, RegExp, Error, Map, Set, WeakMap, WeakSet];
const GUARDED = ['constructor', 'prototype'];

export class TextKeysValidationPipe extends ValidationPipe {
  protected override stripProtoKeys(value: unknown): void {
    screen(value, '');
  }
}

function screen(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || BUILT_IN_TYPES.some((type) => value instanceof type)) return;
  if (!Array.isArray(value)) {
    const obj = value as { [key: string]: unknown }; // own-keys: only the names above, each checked as an own property
    if (Object.hasOwn(obj, '__proto__')) delete obj.__proto__;
    for (const name of GUARDED) {
      if (Object.hasOwn(obj, name) && typeof obj[name] !== 'string') {
        const field = path ? `${path}.${name}` : name;
        throw new NotText(field);
      }
    }
  }
  // Object.entries: an array's present items only (a sparse one's length can be far beyond them).
  for (const [key, item] of Object.entries(value)) screen(item, path ? `${path}.${key}` : key);
}
