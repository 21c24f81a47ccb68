// Small helpers to build the page: elements from data (text only, never HTML), and figures as text.

/** `h('p', { class: 'x', dataset: { k: 'v' } }, 'text', child)`: strings become text nodes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

// The API's figures are already rounded to one decimal; these only print them.
export const fixed1 = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));
export const pct = (rate) => (rate === null || rate === undefined ? '—' : `${rate.toFixed(1)}%`);
export const range = (fig) => (fig?.low === null || fig?.low === undefined ? '—' : `${fig.low.toFixed(1)}–${fig.high.toFixed(1)}`);
export const signed = (points) => (points > 0 ? `+${points.toFixed(1)}` : points.toFixed(1));
export const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
export const pValue = (p) => p.toFixed(4);
