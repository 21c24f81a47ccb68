/**
 * Figure-by-figure comparison of two headline reports (pure): every leaf of the published report
 * against the same leaf of a replay, agencies matched by id rather than by place, so that a figure
 * is named the way an auditor would say it: `satisfaction.rate`, `agencies[tax].change.points`.
 */
export type FigureValue = string | number | boolean | null | undefined;

export interface FigureCheck {
  figure: string;
  /** undefined (left out of JSON) when the figure does not exist on that side. */
  published: FigureValue;
  replayed: FigureValue;
  reproduces: boolean;
}

/** Leaves not compared: the live report's note on the published figures is not a figure itself. */
const NOT_FIGURES = new Set(['published']);

/** The headline's figures an auditor reads first, in reading order; the rest follow in path order. */
const HEADLINE = ['satisfaction.rate', 'respondents', 'evaluations', 'meanScore', 'badReviewRate', 'change.points'];

export function flattenFigures(report: unknown): Map<string, FigureValue> {
  const out = new Map<string, FigureValue>();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const id = item && typeof item === 'object' ? (item as Record<string, unknown>).agencyId : undefined;
        walk(item, `${path}[${typeof id === 'string' ? id : i}]`);
      });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 && path) out.set(path, '{}');
      for (const [key, v] of entries) if (!(path === '' && NOT_FIGURES.has(key))) walk(v, path ? `${path}.${key}` : key);
    } else {
      out.set(path, value as FigureValue);
    }
  };
  walk(report, '');
  return out;
}

export function compareFigures(published: unknown, replayed: unknown): FigureCheck[] {
  const a = flattenFigures(published);
  const b = flattenFigures(replayed);
  const figures = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => order(x) - order(y) || (x < y ? -1 : x > y ? 1 : 0));
  return figures.map((figure) => {
    const [p, r] = [a.get(figure), b.get(figure)];
    return { figure, published: p, replayed: r, reproduces: a.has(figure) && b.has(figure) && p === r };
  });
}

function order(figure: string): number {
  const i = HEADLINE.findIndex((h) => h === figure || h.startsWith(`${figure}.`)); // `change` when it is null
  if (i >= 0) return i;
  return figure.startsWith('agencies[') ? HEADLINE.length + 1 : HEADLINE.length;
}

/** The checks an auditor reads in a summary: the headline's figures, each agency's rate and change. */
export function isKeyFigure(figure: string): boolean {
  return HEADLINE.includes(figure) || figure === 'change' || /^agencies\[[^\]]+\]\.(satisfaction\.rate|change\.points|change)$/.test(figure);
}
