/**
 * Keeps user text out of plain-object keys (issue 10): a targeted check, run with the unit tests,
 * over the code in apps/ and libs/ (the browser pages' JavaScript included, spec files not). It
 * fails on the usual ways of filling or probing a plain object key by key, each of which broke a
 * read model once a district was called `__proto__` or an agency `constructor`:
 *
 *   - an object accumulator: a variable or field initialised with `{}`, or a `Record<string, …>` one;
 *   - `x ??= {}` / `x ||= {}`, and `a[k] ?? (a[k] = {…})`;
 *   - `for (const k in obj)` (it also walks inherited keys);
 *   - `key in obj` with a key that is not a literal;
 *   - `obj.hasOwnProperty(k)` (an own `hasOwnProperty` key replaces it: use Object.hasOwn);
 *   - a computed key in an object literal, `{ ...x, [key]: v }` (read back later as `x[key]`).
 *
 * Use a Map in memory and Keyed (@survey/domain) for stored JSON documents. A line whose keys are
 * the code's own (field names, enum values) may say so with a comment `own-keys: <why>` on it or on
 * the line before. The property test (libs/application/src/reports/user-text.property.spec.ts)
 * checks the behaviour itself; this keeps the obvious ways back in from returning unnoticed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

const RULES: { name: string; pattern: RegExp; advice: string }[] = [
  {
    name: 'object accumulator',
    // `const x = {}` or a field `private x = {}` with no type, `= {} as T`, or typed with an index signature or Record<string, …>.
    pattern: /(?:\b(?:const|let|var)\s+[\w$]+|^\s*(?:(?:private|protected|public|readonly|static)\s+)*[\w$]+)\s*=\s*\{\s*\}|=\s*\{\s*\}\s*as\b|(?:Record<\s*string\s*,[^=;]*|\[[\w$]+\s*:\s*string\s*\][^=;]*)=\s*\{\s*\}/,
    advice: 'fill a Map (or a Keyed for a stored document), or build the object at once with Object.fromEntries',
  },
  { name: 'x[k] ??= {} / ||= {}', pattern: /\]\s*(?:\?\?|\|\|)=\s*\{|\?\?\s*\([^()]*\]\s*=\s*\{/, advice: 'Map#get then Map#set, or getOwn/setOwn' },
  { name: 'for…in', pattern: /\bfor\s*\(\s*(?:const|let|var)\s+[\w$]+\s+in\s/, advice: 'Object.entries / ownEntries, or a Map' },
  { name: '`key in obj`', pattern: /(?<![[\w$.])(?<!\bfor\s*\(\s*(?:const|let|var)\s+)[A-Za-z_$][\w$]*(?:\.[\w$]+)*\s+in\s+(?!keyof\b)[\w$([]/, advice: 'Map#has, or Object.hasOwn / hasOwnKey' },
  { name: '.hasOwnProperty(', pattern: /\.hasOwnProperty\s*\(/, advice: 'Object.hasOwn (an own hasOwnProperty key would replace the method)' },
  // A constant's name (UPPER_CASE) or a symbol is the code's own key.
  { name: 'computed key in an object literal', pattern: /[{,]\s*\[(?![A-Z][A-Z0-9_]*\]|Symbol\.)[A-Za-z_$][\w$.]*\]\s*:/, advice: 'a Map, or Object.fromEntries of entries read back with Object.entries' },
];

/**
 * The code with comments, string and template text and regular expressions blanked (a template's
 * `${…}` kept: it is code), line breaks kept so that line numbers hold. A small scanner rather than
 * a regular expression, for templates nest.
 */
export function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  const templates: number[] = []; // open `${` depths of the templates we are inside
  let depth = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  const lastCode = () => out.replace(/\s+$/, '').slice(-1);
  const scanTemplateText = () => {
    // from just after ` or }, to the closing ` or the next ${
    let j = i;
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
    out += blank(source.slice(i, j));
    if (source[j] === '`') {
      out += '`';
      i = j + 1;
    } else {
      out += '${';
      templates.push(depth);
      depth++;
      i = j + 2;
    }
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '\'' || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += c + blank(source.slice(i + 1, j)) + (source[j] === c ? c : '');
      i = source[j] === c ? j + 1 : j;
    } else if (c === '`') {
      out += '`';
      i++;
      scanTemplateText();
    } else if (c === '/' && (lastCode() === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastCode()))) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      out += '/' + blank(source.slice(i + 1, j)) + '/';
      i = j + 1;
    } else if (c === '{') {
      depth++;
      out += c;
      i++;
    } else if (c === '}') {
      depth--;
      out += c;
      i++;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        scanTemplateText();
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export interface Finding {
  line: number;
  rule: string;
  text: string;
  advice: string;
}

export function findings(source: string): Finding[] {
  const original = source.split('\n');
  const marked = (i: number) => /own-keys:/.test(original[i]) || (i > 0 && /own-keys:/.test(original[i - 1]));
  return codeOnly(source).split('\n').flatMap((line, i) =>
    marked(i) ? [] : RULES.filter((r) => r.pattern.test(line)).map((r) => ({ line: i + 1, rule: r.name, text: original[i].trim(), advice: r.advice })),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('no user text as a plain-object key (a check over apps/ and libs/)', () => {
  it.each([
    ['const counts: Record<string, number> = {};', 'object accumulator'],
    ['  private readonly byId = {};', 'object accumulator'],
    ['const index = {} as Record<F, number>;', 'object accumulator'],
    ['let total: Totals = { ...base }, rest: Record<string, number> = {};', 'object accumulator'],
    ['const byDistrict: { [district: string]: number } = {};', 'object accumulator'],
    ['const q = (counts.questions[question] ??= {});', 'x[k] ??= {} / ||= {}'],
    ['cells[value] ||= { respondents: 0 };', 'x[k] ??= {} / ||= {}'],
    ['const cell = cells[value] ?? (cells[value] = { respondents: 0, levels: {} });', 'x[k] ??= {} / ||= {}'],
    ['for (const question in answers) count(question);', 'for…in'],
    ['if (field in index) throw new Error();', '`key in obj`'],
    ['if (!(doc.agencyId in campaign.agencies)) return;', '`key in obj`'],
    ['if (answers.hasOwnProperty(question)) use(question);', '.hasOwnProperty('],
    ['return { current: { ...state.current, [agencyId]: rating } };', 'computed key in an object literal'],
  ])('flags %s', (code, rule) => {
    expect(findings(code).map((f) => f.rule)).toContain(rule);
  });

  it.each([
    "if ('reason' in c) return c;",
    'type Counts = { [K in Level]: number };',
    'const x = { a: 1 }; // const y = {};',
    "const message = 'use for (const k in obj) or x ??= {} here';",
    'const options = { ...defaults };',
    'const re = /[{}]/g; const s = `${a} in ${b}`;',
    'const t = `x ${y ? `a ${z} in b` : `for (const k in o)`} y`;',
    'constructor(private readonly options: ProjectorOptions = {}) {}',
    'this.failure ??= { error };',
    'return { ...metadata, [CHAIN_KEY]: hash, [Symbol.iterator]: it };',
    "const TYPES: Record<string, string> = { '.js': 'text/javascript' };",
    'const level = levels.get(id) ?? 0; // a Map',
    'const obj = {}; // own-keys: a test of the marker',
  ])('leaves alone %s', (code) => {
    expect(findings(code)).toEqual([]);
  });

  it('finds none of them in apps/ and libs/', () => {
    const found = [join(ROOT, 'apps'), join(ROOT, 'libs')].flatMap(sourceFiles).flatMap((file) =>
      findings(readFileSync(file, 'utf8')).map((f) => `${relative(ROOT, file)}:${f.line}: ${f.rule}: ${f.text}\n    → ${f.advice}`),
    );
    expect(found).toEqual([]);
  });
});
