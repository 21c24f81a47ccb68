// @ts-check
// One queue, list and detail for any kind of work item, fed by a small description of the kind
// (./cases.js, ./requests.js): the whole queue read page by page from its
// route (overdue first, as the API orders it), counts per status, a filter, and one item's facts,
// history and the steps the reader's role may take, each as a small form. What the API refuses
// anyway is shown with its problem detail and field errors, and nothing else changes.
import { ApiError } from './api.js';
import { h } from './shared/dom.js';
import { labelOr, t, when } from './labels.js';

/**
 * @typedef {import('./api.js').Staff} Staff
 * @typedef {{ type: string, at: string, by: string, text: string | null }} Step
 * @typedef {{ value: string, label: string, text?: string }} Choice a label key, or `text` shown as it is (an agency's name)
 */
/**
 * @template Item
 * @typedef {{ name: string, label: string, type: 'select' | 'text', choices?: Choice[] | ((item: Item) => Choice[]), max?: number }} Field
 *   choices given as a function are read for the item when its form is drawn (the agency directory)
 */
/**
 * @template Item
 * @typedef {{ id: string, label: string, allowed: (item: Item, who: Staff) => boolean, fields: Field<Item>[],
 *   send: (item: Item, values: Map<string, string>) => Promise<Item> }} Action
 */
/**
 * @template Item
 * @typedef {{
 *   id: string, tab: string, statuses: string[], statusLabel: (status: string) => string,
 *   filters: { id: string, label: string, test: (item: Item) => boolean }[],
 *   page: (after: string | null) => Promise<{ items: Item[], next: string | null }>,
 *   get: (id: string) => Promise<Item>,
 *   key: (item: Item) => string, status: (item: Item) => string, overdue: (item: Item) => string[],
 *   title: (item: Item) => string, line: (item: Item) => string[], heading: (item: Item) => string,
 *   facts: (item: Item, who: Staff) => [string, string][], history: (item: Item) => Step[],
 *   actions: Action<Item>[] }} Kind
 */
/**
 * @typedef {{ view: HTMLElement, who: Staff, go: (path: string, message: string, answered: unknown) => void, refresh: () => void, stale: () => boolean }} Context
 *   `go` shows an item after a step with `answered`, the item as the step's route answered it
 */

/** At most this many pages of 500 are read for one queue: the counts say when there are more. */
const MAX_PAGES = 20;
/** Rows drawn at first and per "show more". */
const SHOWN = 100;

/** The filter each kind's queue shows, kept while the reader moves between items. */
const chosenFilter = new Map();
/** Each kind's queue as last read: moving from item to item reuses it; a step, a sign-in or "refresh" reads it again. */
const readQueues = new Map();

/**
 * The queue with, when `itemId` is given, that item beside it (below it on a phone).
 * @template Item
 * @param {Kind<Item>} kind
 * @param {string | null} itemId
 * @param {Context} ctx
 * @param {boolean} fresh read the queue again rather than reuse the last one read
 * @param {Item | null} [answered] the item as a step just answered it: shown as it is, in the detail
 *   and in its row, since the queues (and a case) are read from read models that may not have folded
 *   the step yet
 */
export async function showQueue(kind, itemId, ctx, fresh, answered = null) {
  /** @type {Promise<{ items: Item[], complete: boolean }>} */
  const read = !fresh && readQueues.has(kind.id) ? readQueues.get(kind.id) : loadAll(kind);
  const queue = answered === null ? read : read.then(({ items, complete }) => ({ items: items.map((i) => (kind.key(i) === kind.key(answered) ? answered : i)), complete }));
  readQueues.set(kind.id, queue);
  queue.catch(() => readQueues.delete(kind.id));
  const shown = answered !== null && kind.key(answered) === itemId ? answered : null;
  const [loaded, item] = await Promise.all([queue, itemId === null ? null : shown ?? kind.get(itemId)]);
  if (ctx.stale()) return;
  const detail = item ? itemDetail(kind, item, ctx) : h('section', { class: 'detail empty', id: 'detail' }, h('p', {}, t('chooseItem')));
  ctx.view.className = item ? 'has-item' : '';
  ctx.view.replaceChildren(queueList(kind, loaded, itemId, ctx.refresh), detail);
  if (item) detail.querySelector('h2')?.focus();
}

/**
 * @template Item
 * @param {Kind<Item>} kind
 */
async function loadAll(kind) {
  /** @type {Item[]} */
  const items = [];
  /** @type {string | null} */
  let after = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const { items: page, next } = await kind.page(after);
    items.push(...page);
    if (!next) return { items, complete: true };
    after = next;
  }
  return { items, complete: false };
}

/**
 * @template Item
 * @param {Kind<Item>} kind
 * @param {{ items: Item[], complete: boolean }} loaded
 * @param {string | null} current
 * @param {() => void} refresh
 */
function queueList(kind, { items, complete }, current, refresh) {
  const counts = new Map(kind.statuses.map((s) => [s, 0]));
  for (const item of items) counts.set(kind.status(item), (counts.get(kind.status(item)) ?? 0) + 1);
  const overdue = items.filter((item) => kind.overdue(item).length > 0).length;
  const countList = h('ul', { class: 'counts', id: 'counts', 'aria-label': t('counts') },
    [...counts].map(([status, n]) => h('li', { dataset: { status } }, h('span', { class: 'n' }, String(n)), ' ', kind.statusLabel(status))),
    h('li', { class: 'overdue', dataset: { status: 'overdue' } }, h('span', { class: 'n' }, String(overdue)), ' ', t('overdue')));

  const filterId = chosenFilter.get(kind.id) ?? kind.filters[0].id;
  const select = h('select', { id: 'filter' }, kind.filters.map((f) => h('option', { value: f.id, selected: f.id === filterId }, t(f.label))));
  const list = h('ol', { class: 'items', id: 'items' });
  const more = h('button', { type: 'button', class: 'more', id: 'more' });
  let shown = SHOWN;
  const draw = () => {
    const filter = kind.filters.find((f) => f.id === select.value) ?? kind.filters[0];
    const matching = items.filter(filter.test);
    list.replaceChildren(...matching.slice(0, shown).map((item) => row(kind, item, current)));
    if (matching.length === 0) list.append(h('li', { class: 'empty' }, t('empty')));
    more.hidden = matching.length <= shown;
    more.textContent = t('more', { n: matching.length - shown });
  };
  select.addEventListener('change', () => {
    chosenFilter.set(kind.id, select.value);
    shown = SHOWN;
    draw();
  });
  more.addEventListener('click', () => {
    shown += SHOWN;
    draw();
  });
  draw();
  return h('section', { class: 'queue', 'aria-labelledby': 'queue-title' },
    h('div', { class: 'queue-head' }, h('h2', { id: 'queue-title' }, `${t(kind.tab)} · ${t('queue')}`),
      h('button', { type: 'button', id: 'refresh', onclick: refresh }, t('refresh'))),
    countList,
    complete ? null : h('p', { class: 'note' }, t('truncated', { n: items.length })),
    h('label', { class: 'filter' }, t('filter'), ' ', select),
    list, more);
}

/**
 * @template Item
 * @param {Kind<Item>} kind @param {Item} item @param {string | null} current
 */
function row(kind, item, current) {
  const late = kind.overdue(item);
  const id = kind.key(item);
  return h('li', { class: `item${late.length ? ' late' : ''}`, dataset: { status: kind.status(item), id } },
    h('a', { href: `#/${kind.id}/${encodeURIComponent(id)}`, 'aria-current': id === current ? 'true' : null },
      h('span', { class: 'title' }, kind.title(item)),
      h('span', { class: `badge status-${kind.status(item)}` }, kind.statusLabel(kind.status(item))),
      late.map((d) => h('span', { class: 'badge late' }, d)),
      kind.line(item).filter(Boolean).map((text) => h('span', { class: 'line' }, text))));
}

/**
 * @template Item
 * @param {Kind<Item>} kind @param {Item} item @param {Context} ctx
 */
function itemDetail(kind, item, ctx) {
  const allowed = kind.actions.filter((a) => a.allowed(item, ctx.who));
  const history = kind.history(item);
  return h('section', { class: 'detail', id: 'detail', 'aria-labelledby': 'detail-title' },
    h('a', { href: `#/${kind.id}`, class: 'back' }, t('back')),
    h('h2', { id: 'detail-title', tabindex: '-1' }, kind.heading(item)),
    h('dl', { class: 'facts' }, kind.facts(item, ctx.who).flatMap(([label, value]) => [h('dt', {}, labelOr(label)), h('dd', {}, value)])),
    h('h3', {}, t('actions')),
    allowed.length ? h('div', { class: 'actions', id: 'actions' }, allowed.map((action) => actionForm(kind, item, action, ctx))) : h('p', { class: 'note', id: 'no-actions' }, t('noActions')),
    h('h3', {}, t('history')),
    h('ol', { class: 'history', id: 'history' }, history.map((step) => h('li', { dataset: { type: step.type } },
      h('span', { class: 'step' }, t(step.type)), ' · ', h('span', { class: 'by' }, t(`by_${step.by}`)), ' · ', h('time', { datetime: step.at }, when(step.at)),
      step.text ? h('p', { class: 'text' }, step.text) : null))));
}

/**
 * A step's button and the form it opens; submitting sends it, then shows the item as the API now
 * answers it, or the API's refusal.
 * @template Item
 * @param {Kind<Item>} kind @param {Item} item @param {Action<Item>} action @param {Context} ctx
 */
function actionForm(kind, item, action, ctx) {
  const formId = `form-${action.id}`;
  const toggle = h('button', { type: 'button', class: 'action', id: `action-${action.id}`, 'aria-expanded': 'false', 'aria-controls': formId }, t(action.label));
  const status = h('p', { class: 'status', id: `status-${action.id}`, role: 'alert' });
  const form = h('form', { id: formId, hidden: true },
    action.fields.map((field) => fieldOf(item, action, field)),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('submit')),
      h('button', { type: 'button', onclick: () => setOpen(false) }, t('cancel'))),
    status);
  /** @param {boolean} on */
  function setOpen(on) {
    form.hidden = !on;
    toggle.setAttribute('aria-expanded', String(on));
    const first = form.querySelector('select, textarea, button[type="submit"]');
    if (on && first instanceof HTMLElement) first.focus();
    else toggle.focus();
  }
  toggle.addEventListener('click', () => setOpen(form.hidden));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const values = new Map(action.fields.map((f) => [f.name, String(data.get(f.name) ?? '')]));
    status.textContent = t('sending');
    status.className = 'status';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    try {
      const answered = await action.send(item, values);
      // The step answered the item as this reader now reads it: that is shown; the queue moves too, so it is read again.
      ctx.go(`${kind.id}/${encodeURIComponent(kind.key(item))}`, t('done', { action: t(action.label) }), answered);
    } catch (error) {
      status.className = 'status error';
      status.textContent = refusal(error);
      if (error instanceof ApiError) {
        for (const { field } of error.problem?.errors ?? []) form.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
      }
    }
  });
  return h('div', { class: 'action-block' }, toggle, form);
}

/** @param {unknown} error */
export function refusal(error) {
  if (!(error instanceof ApiError)) return t('refused', { status: '—', detail: error instanceof Error ? error.message : String(error) });
  const fields = (error.problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return t('refused', { status: error.status, detail: `${error.message}${fields ? ` (${fields})` : ''}` });
}

/**
 * @template Item
 * @param {Item} item @param {Action<Item>} action @param {Field<Item>} field
 */
function fieldOf(item, action, field) {
  const id = `${action.id}-${field.name}`;
  if (field.type === 'select') {
    return h('label', { class: 'field', for: id }, h('span', {}, t(field.label)),
      h('select', { id, name: field.name }, choicesOf(item, field).map((c) => h('option', { value: c.value }, c.text ?? t(c.label)))));
  }
  const count = h('span', { class: 'count', id: `${id}-count`, 'aria-live': 'polite' }, t('chars', { n: 0, max: field.max ?? 0 }));
  const area = h('textarea', { id, name: field.name, rows: 3, required: true, maxlength: field.max, 'aria-describedby': `${id}-count` });
  area.addEventListener('input', () => (count.textContent = t('chars', { n: [...area.value].length, max: field.max ?? 0 })));
  return h('label', { class: 'field', for: id }, h('span', {}, t(field.label)), area, count);
}

/** @template Item @param {Item} item @param {Field<Item>} field @returns {Choice[]} */
const choicesOf = (item, field) => (typeof field.choices === 'function' ? field.choices(item) : field.choices ?? []);
