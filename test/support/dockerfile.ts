/**
 * Just enough of a Dockerfile reader to replay a build stage without a Docker engine: the stages,
 * each with its base (another stage or an image) and its instructions, continuation lines joined.
 * Used by test/dockerfile.int-spec.ts; it knows the instructions docker/Dockerfile uses and
 * refuses the rest, so a new kind of instruction makes the test say so instead of skipping it.
 */

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile: cannot read the line "${line}"`);
    const [keyword, args] = [match[1].toUpperCase(), match[2].trim()];
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile: cannot read FROM ${args}`);
      stages.push({ from: from[1], name: from[2], instructions: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new Error(`Dockerfile: ${keyword} before any FROM`);
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

/** The instructions that build `target`: those of the stages it is based on first, then its own. */
export function instructionsOf(stages: Stage[], target: string): Instruction[] {
  const stage = stages.find((s) => s.name === target);
  if (!stage) throw new Error(`Dockerfile: no stage named ${target}`);
  const base = stages.some((s) => s.name === stage.from) ? instructionsOf(stages, stage.from) : [];
  return [...base, ...stage.instructions];
}

/** COPY's sources and destination, for the plain form (no --from, no JSON array). */
export function copyArgs(args: string): { from?: string; sources: string[]; destination: string } {
  const words = args.split(/\s+/);
  const flag = words[0].startsWith('--') ? words.shift()! : undefined;
  const from = flag && /^--from=(.+)$/.exec(flag)?.[1];
  if (flag && !from) throw new Error(`Dockerfile: COPY flag ${flag} is not replayed`);
  const destination = words.pop()!;
  return { from: from || undefined, sources: words, destination };
}
