// @ts-check
// One agency's card: what is saved, and a form (real radios, labels, a live character count) to
// save, revise or withdraw its evaluation. Save status is announced through a live region.
import { both, h, levelLabel, savedAnswer } from './view.js';

/**
 * @typedef {import('./api.js').Campaign} Campaign
 * @typedef {import('./api.js').Evaluation} Evaluation
 * @typedef {{ save: (agencyId: string, evaluation: Omit<Evaluation, 'agencyId'>) => Promise<Evaluation | null>,
 *   withdraw: (agencyId: string) => Promise<Evaluation | null> }} Actions
 */

export const MAX_COMMENT = 2000;

/**
 * One question's scale as radios, in a fieldset with its legend.
 * @param {string} name the radios' name
 * @param {(string | Node)[]} legend
 * @param {import('./api.js').Level[]} scale
 * @param {string | undefined} selected the level saved, if any
 * @param {boolean} required
 */
export function scaleFieldset(name, legend, scale, selected, required) {
  const fieldset = h('fieldset', { class: 'scale' }, h('legend', {}, ...legend),
    scale.map((level) => {
      const { zh, en } = levelLabel(level);
      return h('label', { class: `level level-${level.id}` },
        h('input', { type: 'radio', name, value: level.id, checked: selected === level.id, required }),
        h('span', { class: 'level-text' }, h('span', { class: 'zh' }, zh), h('span', { class: 'en', lang: 'en' }, en)));
    }));
  // An optional question answered by mistake can be left unanswered again (a radio cannot be unchecked).
  if (!required) {
    fieldset.append(h('button', {
      type: 'button', class: 'clear',
      onclick: () => fieldset.querySelectorAll('input').forEach((input) => (input.checked = false)),
    }, ...both('不评此项', 'Skip this one')));
  }
  return fieldset;
}

/**
 * `actions.save(agencyId, evaluation)` and `actions.withdraw(agencyId)` resolve with the saved
 * ballot's entry for the agency (or null), or throw an Error whose message is shown.
 * @param {{ id: string, name: string }} agency
 * @param {Campaign} campaign
 * @param {Evaluation | null} saved
 * @param {Actions} actions
 * @param {import('./api.js').Invalidated | null} [invalidated] the agency's last invalidated rating, if any
 * @param {(agencyId: string) => boolean} [openCase] whether the enterprise has an open case with the agency (a bad
 *   revision then joins that case, whose consent was given when it opened: the question is not asked again)
 */
export function agencyCard(agency, campaign, saved, actions, invalidated = null, openCase = () => false) {
  const id = agency.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const open = campaign.status === 'open';
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: `status-${id}` });
  const summary = h('p', { class: 'saved', id: `saved-${id}` });
  const toggle = h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': `form-${id}` });
  const count = h('span', { class: 'count', id: `count-${id}`, 'aria-live': 'polite' });
  const comment = h('textarea', { id: `comment-${id}`, name: 'comment', maxlength: MAX_COMMENT, rows: 3, 'aria-describedby': `count-${id}` });
  const withdrawButton = h('button', { type: 'button', class: 'secondary withdraw' }, ...both('撤回评价', 'Withdraw'));
  const form = h('form', { id: `form-${id}`, hidden: true, novalidate: false });
  // Beside a bad rating only: may the agency learn who gave it and call back? (CLOSED-LOOP.md, privacy.) Never ticked for the enterprise.
  const consent = h('input', { type: 'checkbox', id: `consent-${id}`, name: 'contactConsent', value: 'yes' });
  const consentBox = h('label', { class: 'consent', for: `consent-${id}`, hidden: true }, consent,
    h('span', {}, ...both('同意被评价部门与我联系，了解情况并整改（不勾选时，仅由企业服务中心回访，部门看不到您的企业名称）',
      'The agency may contact me about this rating (if not ticked, only the enterprise-service centre calls back, and the agency does not learn who you are)')));
  const negative = new Set(campaign.scale.filter((l) => l.negative).map((l) => l.id));
  const ratingChosen = () => {
    const checked = form.querySelector(`input[name="rating-${CSS.escape(id)}"]:checked`);
    return checked instanceof HTMLInputElement ? checked.value : null;
  };
  const showConsent = () => {
    const chosen = ratingChosen();
    consentBox.hidden = chosen === null || !negative.has(chosen) || openCase(agency.id);
  };
  form.addEventListener('change', showConsent);
  let current = saved;

  const levelName = (/** @type {string} */ levelId) => {
    const level = campaign.scale.find((l) => l.id === levelId);
    return level ? `${levelLabel(level).zh} ${levelLabel(level).en}` : levelId;
  };
  const countText = () => `${comment.value.length} / ${MAX_COMMENT}`;

  function fill() {
    form.replaceChildren(
      scaleFieldset(`rating-${id}`, both('总体评价（必选）', 'Overall rating (required)'), campaign.scale, current?.rating, true),
      consentBox,
      ...campaign.questions.map((q) => scaleFieldset(`q-${id}-${q.id}`, [q.text, ' ', h('span', { class: 'muted' }, '（可选 optional）')], campaign.scale, savedAnswer(current, q.id), false)),
      h('label', { for: `comment-${id}`, class: 'comment-label' }, ...both('意见建议（可选）', 'Comment (optional)')),
      comment,
      count,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, ...both('保存', 'Save')), current ? withdrawButton : null),
    );
    comment.value = current?.comment ?? '';
    consent.checked = false;
    showConsent();
    count.textContent = countText();
  }

  function showSaved() {
    const voided = !current && invalidated ? `（此前的评价已被审核作废 An earlier rating was invalidated by audit: ${invalidated.reason}）` : '';
    summary.replaceChildren(current ? `已评价：${levelName(current.rating)}` : `未评价 Not rated${voided}`);
    summary.classList.toggle('is-saved', !!current);
    toggle.replaceChildren(...(current ? both('修改', 'Revise') : both('评价', 'Rate')));
    toggle.setAttribute('aria-label', `${current ? '修改 Revise' : '评价 Rate'}: ${agency.name}`);
  }

  /** @param {boolean} on */
  function setOpen(on) {
    form.hidden = !on;
    toggle.setAttribute('aria-expanded', String(on));
    if (on) {
      fill();
      form.querySelector('input')?.focus();
    }
  }

  comment.addEventListener('input', () => (count.textContent = countText()));
  toggle.addEventListener('click', () => setOpen(form.hidden));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    // Built from entries (own properties whatever the question is called), never key by key on a {}.
    const answers = Object.fromEntries(campaign.questions.flatMap((q) => {
      const level = data.get(`q-${id}-${q.id}`);
      return typeof level === 'string' && level ? [[q.id, level]] : [];
    }));
    // The overall rating is a required radio: the form is not submitted without one.
    const rating = /** @type {string} */ (data.get(`rating-${id}`));
    const text = comment.value.trim();
    const consentGiven = consentBox.hidden ? {} : { contactConsent: consent.checked };
    await act(() => actions.save(agency.id, { rating, answers, ...(text ? { comment: comment.value } : {}), ...consentGiven }), '已保存 Saved');
  });
  withdrawButton.addEventListener('click', () => act(() => actions.withdraw(agency.id), '已撤回 Withdrawn'));

  /** @param {() => Promise<Evaluation | null>} work @param {string} done */
  async function act(work, done) {
    status.textContent = '正在保存… Saving…';
    status.className = 'status';
    try {
      current = await work();
      showSaved();
      setOpen(false);
      toggle.focus();
      status.textContent = `${done} · ${new Date().toLocaleTimeString('zh-CN')}`;
      status.classList.add('ok');
    } catch (error) {
      status.textContent = `未保存 Not saved: ${error instanceof Error ? error.message : String(error)}`;
      status.classList.add('error');
    }
  }

  showSaved();
  const card = h('li', { class: 'agency', 'data-agency': agency.id, 'data-name': agency.name.toLowerCase() },
    h('h3', { id: `name-${id}` }, agency.name), summary, open ? [toggle, form] : null, status);
  return card;
}
