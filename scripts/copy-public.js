// Copies every `public/` folder under apps/ into dist/ at the same place, beside the compiled code
// that serves it (tsc copies nothing that is not TypeScript).
const { cpSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'public') cpSync(path, join('dist', path), { recursive: true });
    else walk(path);
  }
}
walk('apps');
