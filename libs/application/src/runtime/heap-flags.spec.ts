/** The heap flags are written where the processes start, not only here: package.json's scripts and docker/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_HEAP_FLAGS, SERVER_HEAP_FLAGS } from './heap-flags';

const root = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

describe('heap flags', () => {
  it('start the API and the projector with the servers\' flags (npm start, npm run projector)', () => {
    expect(scripts.start).toBe(`node ${SERVER_HEAP_FLAGS.join(' ')} dist/apps/api/src/main.js`);
    expect(scripts.projector).toBe(`node ${SERVER_HEAP_FLAGS.join(' ')} dist/apps/projector/src/main.js`);
  });

  it('start the CLI with the batch flags (npm run demo, npm run survey)', () => {
    expect(scripts.demo).toBe(`npm run build && node ${BATCH_HEAP_FLAGS.join(' ')} dist/apps/cli/src/main.js demo`);
    expect(scripts.survey).toBe(`node ${BATCH_HEAP_FLAGS.join(' ')} dist/apps/cli/src/main.js`);
  });

  it('start the image\'s API and the compose file\'s projectors with the servers\' flags', () => {
    const args = (script: string) => JSON.stringify(['node', ...SERVER_HEAP_FLAGS, script]).replace(/,/g, ', ');
    expect(read('docker/Dockerfile')).toContain(`CMD ${args('dist/apps/api/src/main.js')}`);
    const compose = read('docker/compose.yml');
    const projectors = compose.split('\n').filter((line) => line.includes('dist/apps/projector/src/main.js'));
    expect(projectors).toHaveLength(2);
    for (const line of projectors) expect(line.trim()).toBe(`command: ${args('dist/apps/projector/src/main.js')}`);
  });

  it('are sizes V8 takes: a young generation at least as large as its minimum', () => {
    for (const flags of [SERVER_HEAP_FLAGS, BATCH_HEAP_FLAGS]) {
      const size = (name: string) => Number(flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1]);
      expect(size('max-semi-space-size')).toBeGreaterThanOrEqual(size('min-semi-space-size'));
    }
  });
});
