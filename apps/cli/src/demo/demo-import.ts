/**
 * The demo's enterprises go in the way a service centre's do: written to a CSV file and read back
 * by `survey import enterprises`' own code, each row a RegisterEnterpriseCommand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { enterpriseImport, importCsv } from '@survey/application';
import type { DemoEnterprise } from './demo-types';

/** `onRows(n)`: n more rows were read. Throws if the import rejects any row (the plan's data is valid). */
export async function importDemoEnterprises(
  commands: CommandBus, queries: QueryBus, enterprises: DemoEnterprise[], onRows: (n: number) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'survey-demo-'));
  const file = join(dir, 'enterprises.csv');
  try {
    // The generated names hold no comma or quote, so no field needs quoting.
    const rows = enterprises.map((e) => `${e.creditCode},${e.name},${e.district},${e.industry},${e.size}\n`);
    writeFileSync(file, `\uFEFFcredit_code,name,district,industry,size\n${rows.join('')}`);
    const problems: string[] = [];
    let seen = 0;
    const context = { commands, queries, meta: { actor: { role: 'admin' as const, sub: 'demo' }, correlationId: randomUUID() } };
    await importCsv(enterpriseImport, file, context, {
      concurrency: 512,
      report: (line, p) => problems.push(`line ${line}: ${p.reason}`),
      progress: (read) => {
        onRows(read - seen);
        seen = read;
      },
    });
    if (problems.length) throw new Error(`the demo's own enterprises were rejected: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
