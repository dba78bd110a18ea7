// The studio: a form generated from the scenario's knobs, the compare's progress, and what moved.
// Every text from a scenario or the server reaches the page through textContent (never as markup).
import * as api from './api.js';
import * as charts from './charts.js';
import { buildReport } from './report.js';

const $ = (id) => document.getElementById(id);
const state = { scenario: null, job: null, result: null, abort: null, upload: null, limits: null };

// "compare" (a what-if against its baseline) or "run" (the plan alone, R replications).
const mode = () => document.querySelector('input[name=mode]:checked').value;

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function showError(message) {
  $('form-error').textContent = message;
  $('form-error').hidden = !message;
}

// ---- the form -------------------------------------------------------------------------------

function knobControl(k) {
  const id = `knob-${k.knob}`;
  const box = h('div', { class: 'knob', 'data-knob': k.knob, 'data-action': k.action });
  const on = h('input', { type: 'checkbox', id: `${id}-on` });
  box.append(h('div', { class: 'knob-head' }, on, h('label', { for: `${id}-on` }, k.label)),
    h('p', { class: 'muted source' }, k.description && k.description.startsWith(k.source) ? k.description
      : `${k.source}${k.description ? ': ' + k.description : ''}`));
  const body = h('div', { class: 'knob-body' });
  if (k.activities) {
    const sel = h('select', { id: `${id}-activity`, 'aria-label': `${k.label}: meeting` });
    for (const a of k.activities) sel.append(h('option', { value: a.id }, `${a.name} (${a.id})`));
    body.append(h('label', { for: sel.id }, 'Meeting'), sel);
  }
  if (k.groups) {
    const sel = h('select', { id: `${id}-group`, 'aria-label': `${k.label}: group` });
    for (const g of k.groups) sel.append(h('option', { value: g }, g.replaceAll('_', ' ')));
    body.append(h('label', { for: sel.id }, 'Regional group'), sel);
  }
  if (k.min !== undefined) {
    const def = k.default !== undefined ? k.default : k.min;
    const step = k.step || 'any';
    const range = h('input', { type: 'range', id: `${id}-range`, min: k.min, max: k.max, step, value: def,
      'aria-label': `${k.label} (${k.unit})` });
    const field = h('input', { type: 'number', id: `${id}-value`, min: k.min, max: k.max, step, value: def });
    range.addEventListener('input', () => { field.value = range.value; on.checked = true; changed(); });
    field.addEventListener('input', () => { range.value = field.value; on.checked = true; changed(); });
    body.append(range, h('label', { for: field.id, class: 'sr-only' }, `${k.label} value`), field,
      h('span', { class: 'unit' }, `${k.unit} (${k.min} to ${k.max}${k.default !== undefined ? `; now ${k.default}` : ''})`));
  }
  box.append(body);
  box.addEventListener('change', changed);
  return box;
}

function request() {
  const body = { scenario: $('scenario').value, replications: Number($('replications').value) };
  if ($('whatif').value) body.whatif = $('whatif').value;
  if ($('seed').value !== '') body.seed = Number($('seed').value);
  if (state.upload) body.override_yaml = state.upload.text;
  body.knobs = [];
  for (const box of document.querySelectorAll('.knob')) {
    const name = box.dataset.knob;
    if (!$(`knob-${name}-on`).checked) continue;
    const change = { knob: name };
    const act = $(`knob-${name}-activity`), grp = $(`knob-${name}-group`), val = $(`knob-${name}-value`);
    if (act) change.activity = act.value;
    if (grp) change.group = grp.value;
    if (val) change.value = Number(val.value);
    body.knobs.push(change);
  }
  return body;
}

function modeChanged() {
  const run = mode() === 'run';
  $('replications-label').textContent = run ? 'Replications' : 'Paired replications';
  $('run').textContent = run ? 'Run the replications' : 'Run the comparison';
  changed();
}

// An uploaded override travels as text (override_yaml); the server's loader reads it and answers
// with its located errors (uploaded-override.yaml:LINE:COL), shown as text.
async function uploadChosen() {
  const file = $('override-file').files[0];
  if (!file) return;
  const max = state.limits ? state.limits.max_override_bytes : Infinity;
  if (file.size > max) {
    state.upload = null;
    showError(`${file.name} has ${file.size} bytes; an uploaded override may have at most ${max}.`);
    return;
  }
  state.upload = { name: file.name, text: await file.text() };
  $('override-clear').hidden = false;
  $('override-note').textContent = `${file.name} (${file.size} bytes), sent as uploaded-override.yaml`;
  changed();
}

function uploadCleared() {
  state.upload = null;
  $('override-file').value = '';
  $('override-clear').hidden = true;
  $('override-note').textContent = 'a partial scenario, as for --override; checked by the loader at once';
  changed();
}

let commandTimer = null;
function changed() {
  clearTimeout(commandTimer);
  commandTimer = setTimeout(async () => {
    try {
      const answer = await api.post(`/api/${mode()}/command`, request());
      $('command').textContent = answer.command;
      showError('');
    } catch (e) {
      $('command').textContent = '';
      showError(e.message);
    }
  }, 120);
}

async function loadScenario(name, known = null) {
  const s = known || await api.get(`/api/scenarios/${encodeURIComponent(name)}`);
  state.scenario = s;
  $('scenario-title').textContent = s.title;
  if (s.defaults && $('seed').value === '') $('seed').placeholder = `default ${s.defaults.seed}`;
  const box = $('knobs');
  box.replaceChildren(h('legend', {}, 'Change knobs (ranges and descriptions from the scenario schema)'));
  for (const k of s.knobs) box.append(knobControl(k));
  changed();
}

// ---- running --------------------------------------------------------------------------------

async function run(event) {
  event.preventDefault();
  showError('');
  $('run').disabled = true;
  $('progress-row').hidden = false;
  $('progress').value = 0;
  $('progress-text').textContent = 'starting';
  try {
    const kind = mode();
    const job = await api.post(`/api/${kind}`, request());
    state.job = job;
    $('cancel').disabled = false;
    $('progress').max = job.total;
    state.abort = new AbortController();
    let last = job;
    await api.events(`/api/jobs/${job.id}/events`, (name, s) => {
      last = s;
      $('progress').value = s.done;
      $('progress-text').textContent = `${s.done} of ${s.total} ${kind === 'run' ? 'replications' : 'pairs'} (${s.state})`;
    }, state.abort.signal);
    if (last.state === 'done') {
      state.result = await api.get(`/api/jobs/${job.id}/result`);
      show(state.result, job.id);
    } else if (last.state === 'failed') {
      showError(last.error || `the ${kind} failed`);
    } else {
      $('progress-text').textContent = `cancelled after ${last.done} of ${last.total} ${kind === 'run' ? 'replications' : 'pairs'}`;
    }
  } catch (e) {
    if (e.name !== 'AbortError') showError(e.message);
  } finally {
    $('run').disabled = false;
    $('cancel').disabled = true;
  }
}

async function cancel() {
  if (!state.job) return;
  try { await api.post(`/api/jobs/${state.job.id}/cancel`, {}); } catch (e) { showError(e.message); }
}

// ---- results --------------------------------------------------------------------------------

function fmtUsd(v) { return `$${Math.round(v).toLocaleString('en-US')}`; }

export function chartsOf(r) {
  const out = [];
  const section = (title, note, ...nodes) => {
    const s = h('section', { class: 'chart' }, h('h3', {}, title));
    if (note) s.append(h('p', { class: 'muted' }, note));
    s.append(...nodes);
    out.push(s);
  };
  const onlyMoved = $('gantt-moved') ? $('gantt-moved').checked : false;
  section('Timeline', 'Mean simulated dates over the replications: the baseline above, the what-if below (dashed).',
    charts.gantt(r.gantt, { onlyMoved }));
  const regional = r.participation.filter((p) => p.grouping === 'regional group');
  const status = r.participation.filter((p) => p.grouping === 'development status');
  section('Participation', 'Attendance share of the meetings a group was invited to: mean and 95% interval over the replications; * the paired difference\'s interval excludes 0.',
    charts.intervals(regional, 'Attendance by regional group', 'Baseline and what-if attendance share by regional group, with 95% intervals.'),
    charts.intervals(status, 'Attendance by development status', 'Baseline and what-if attendance share by development status, with 95% intervals.'));
  section('Trust fund', 'Mean balance over the replications, weekly (OP31).', charts.lines({
    labels: r.trust_fund.dates, title: 'Trust fund balance', description: 'Mean balance of the trust fund, both plans.',
    yFormat: fmtUsd,
    series: [{ label: 'baseline', color: charts.BASE, values: r.trust_fund.base },
      { label: 'what-if', color: charts.WHATIF, dash: '6 3', values: r.trust_fund.whatif }],
  }));
  const n = r.negotiation;
  const rounds = n.base.dissent.length >= n.whatif.dissent.length ? n.base.dissent : n.whatif.dissent;
  section('Negotiation', 'Dissent: the mean distance of the states from the draft at the end of each round (0 to 1), averaged over replications.',
    charts.lines({
      labels: rounds.map((d) => d.id), ordinal: true, title: 'Dissent from the draft per round',
      description: 'Mean dissent at the end of each round, both plans.', yFormat: (v) => v.toFixed(3),
      series: [{ label: 'baseline', color: charts.BASE, values: rounds.map((_, i) => (n.base.dissent[i] ? n.base.dissent[i].mean : null)) },
        { label: 'what-if', color: charts.WHATIF, dash: '6 3', values: rounds.map((_, i) => (n.whatif.dissent[i] ? n.whatif.dissent[i].mean : null)) }],
    }),
    (() => {
      const key = (a) => a.round || 'not agreed';
      const names = [...new Set([...n.base.agreed, ...n.whatif.agreed].map(key))];
      const count = (list, name) => (list.find((a) => key(a) === name) || { runs: 0 }).runs;
      return charts.bars({ categories: names, title: 'Round of agreement across replications',
        description: 'In how many replications the text was agreed at each round, or not at all.', max: r.pairs,
        series: [{ label: 'baseline', color: charts.BASE, values: names.map((x) => count(n.base.agreed, x)) },
          { label: 'what-if', color: charts.WHATIF, dash: '4 2', values: names.map((x) => count(n.whatif.agreed, x)) }] });
    })(),
    departuresTable(n.departures, r.pairs));
  return out;
}

function departuresTable(rows, pairs) {
  const t = h('table', { class: 'departures' });
  t.append(h('caption', {}, `Who leaves or dissociates, in how many of ${pairs} replications`));
  t.append(h('tr', {}, ...['State', 'left (baseline)', 'dissociated (baseline)', 'left (what-if)', 'dissociated (what-if)'].map((c) => h('th', { scope: 'col' }, c))));
  for (const d of rows.slice(0, 20)) {
    t.append(h('tr', {}, h('th', { scope: 'row' }, `${d.name} (${d.iso3})`), h('td', {}, d.base_left), h('td', {}, d.base_dissociated),
      h('td', {}, d.whatif_left), h('td', {}, d.whatif_dissociated)));
  }
  if (!rows.length) t.append(h('tr', {}, h('td', { colspan: 5 }, 'No state left or dissociated in any replication.')));
  return t;
}

export function metricsTable(r, { movedOnly, filter }) {
  const [header, ...rows] = r.table;
  const t = h('table', { class: 'metrics' });
  t.append(h('tr', {}, ...['metric', 'group', 'unit', 'baseline mean', 'what-if mean', 'difference', '95% interval', 'n', 'moved']
    .map((c) => h('th', { scope: 'col' }, c))));
  const col = (name) => header.indexOf(name);
  let shown = 0;
  for (const row of rows) {
    const moved = row[col('excludes_zero')] === 'true';
    const text = `${row[0]}.${row[1]}`;
    if (movedOnly && !moved) continue;
    if (filter && !text.includes(filter)) continue;
    shown++;
    const interval = row[col('ci95_low')] === '' ? 'no interval' : `[${row[col('ci95_low')]}, ${row[col('ci95_high')]}]`;
    const tr = h('tr', { class: moved ? 'moved' : '', 'data-metric': text },
      h('td', {}, row[0]), h('td', {}, row[1]), h('td', {}, row[2]), h('td', { class: 'num' }, row[col('base_mean')] || row[col('base_date')]),
      h('td', { class: 'num' }, row[col('whatif_mean')] || row[col('whatif_date')]), h('td', { class: 'num' }, row[col('difference')]),
      h('td', { class: 'num' }, interval), h('td', { class: 'num' }, row[col('n')]), h('td', {}, moved ? 'moved' : ''));
    t.append(tr);
  }
  if (!shown) t.append(h('tr', {}, h('td', { colspan: 9 }, movedOnly ? 'No metric moved: every interval includes zero.' : 'No metric matches.')));
  return t;
}

// A run's summary.csv as a table: the cells as the file has them.
export function summaryTable(r, { filter }) {
  const [header, ...rows] = r.table;
  const t = h('table', { class: 'metrics' });
  t.append(h('tr', {}, ...['metric', 'group', 'mean', '95% interval', 'n'].map((c) => h('th', { scope: 'col' }, c))));
  const col = (name) => header.indexOf(name);
  let shown = 0;
  for (const row of rows) {
    const text = `${row[0]}.${row[1]}`;
    if (filter && !text.includes(filter)) continue;
    shown++;
    const interval = row[col('ci95_low')] === '' ? 'no interval' : `[${row[col('ci95_low')]}, ${row[col('ci95_high')]}]`;
    t.append(h('tr', { 'data-metric': text }, h('td', {}, row[0]), h('td', {}, row[1]),
      h('td', { class: 'num' }, row[col('mean')]), h('td', { class: 'num' }, interval), h('td', { class: 'num' }, row[col('n')])));
  }
  if (!shown) t.append(h('tr', {}, h('td', { colspan: 5 }, 'No metric matches.')));
  return t;
}

function show(r, jobId) {
  const run = r.kind === 'run';
  $('results').hidden = false;
  $('results-title').textContent = run ? '2. The plan over its replications' : '2. What moved';
  $('table-title').textContent = run ? 'Every metric: mean over the replications with its 95% interval (summary.csv)'
    : 'Every metric: paired difference with its 95% interval';
  $('warnings').replaceChildren(...r.warnings.map((w) => h('p', { class: 'warning' }, `Warning: ${w}`)));
  $('result-command').textContent = r.command;
  const csvName = run ? 'summary.csv' : 'compare.csv';
  $('download-csv').href = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
  $('download-csv').download = csvName;
  $('download-csv').textContent = `Download ${csvName}`;
  $('download-report').hidden = run;
  $('moved-row').querySelector('#moved-only').hidden = run;
  $('moved-row').querySelector('label[for=moved-only]').hidden = run;
  $('folder-status').textContent = '';
  $('terminal').hidden = !run;
  $('terminal').textContent = run ? r.terminal : '';
  $('results').dataset.job = jobId;
  $('results').dataset.kind = run ? 'run' : 'compare';
  if (run) {
    $('charts').replaceChildren();
    renderTable();
    $('results-title').focus();
    return;
  }
  const box = $('charts');
  const toggle = h('div', { class: 'row' }, h('input', { type: 'checkbox', id: 'gantt-moved' }),
    h('label', { for: 'gantt-moved' }, 'Timeline: only activities whose dates differ'));
  box.replaceChildren(toggle, ...chartsOf(r));
  $('gantt-moved').addEventListener('change', () => {
    const checked = $('gantt-moved').checked;
    box.replaceChildren(toggle, ...chartsOf(r));
    $('gantt-moved').checked = checked;
  });
  renderTable();
  $('results-title').focus();
}

function renderTable() {
  if (!state.result) return;
  const filter = $('filter').value.trim();
  const table = state.result.kind === 'run' ? summaryTable(state.result, { filter })
    : metricsTable(state.result, { movedOnly: $('moved-only').checked, filter });
  $('metrics').replaceWith(Object.assign(table, { id: 'metrics' }));
}

// The files `gcmsim` writes for the command line shown, zipped by the server (a run's replications
// are simulated again for it: a large run takes a while).
async function downloadFolder() {
  const id = $('results').dataset.job;
  $('download-folder').disabled = true;
  $('folder-status').textContent = 'preparing the zip...';
  try {
    const blob = await api.getBlob(`/api/jobs/${id}/folder.zip`);
    const a = h('a', { href: URL.createObjectURL(blob), download: `gcmsim-${$('results').dataset.kind}-${id.slice(0, 8)}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    $('folder-status').textContent = `${Math.round(blob.size / 1024).toLocaleString('en-US')} KiB downloaded`;
  } catch (e) {
    $('folder-status').textContent = `the zip failed: ${e.message}`;
  } finally {
    $('download-folder').disabled = false;
  }
}

function downloadReport() {
  const html = buildReport(state.result, chartsOf(state.result), metricsTable(state.result, { movedOnly: false, filter: '' }));
  const a = h('a', { href: URL.createObjectURL(new Blob([html], { type: 'text/html' })), download: 'gcmsim-compare-report.html' });
  document.body.append(a);
  a.click();
  a.remove();
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  $('large-type').addEventListener('click', () => {
    const on = document.body.classList.toggle('large');
    $('large-type').setAttribute('aria-pressed', String(on));
  });
  $('form').addEventListener('submit', run);
  $('cancel').addEventListener('click', cancel);
  $('moved-only').addEventListener('change', renderTable);
  $('filter').addEventListener('input', renderTable);
  $('download-report').addEventListener('click', downloadReport);
  $('download-folder').addEventListener('click', downloadFolder);
  $('override-file').addEventListener('change', () => uploadChosen().catch((e) => showError(e.message)));
  $('override-clear').addEventListener('click', uploadCleared);
  for (const r of document.querySelectorAll('input[name=mode]')) r.addEventListener('change', modeChanged);
  for (const id of ['whatif', 'replications', 'seed']) $(id).addEventListener('input', changed);
  $('results-title').setAttribute('tabindex', '-1');
  try {
    // The baseline's description is asked for beside the list: one round trip less before the form.
    const first = api.get('/api/scenarios/gcm-2017-2018').catch(() => null);
    const list = await api.get('/api/scenarios');
    $('version').textContent = list.version;
    state.limits = list.limits;
    for (const s of list.scenarios) $('scenario').append(h('option', { value: s.name }, s.name));
    $('scenario').value = list.scenarios.some((s) => s.name === 'gcm-2017-2018') ? 'gcm-2017-2018' : list.scenarios[0].name;
    for (const w of list.whatifs) $('whatif').append(h('option', { value: w.name }, `${w.name}: ${w.title}`));
    $('scenario').addEventListener('change', () => loadScenario($('scenario').value).catch((e) => showError(e.message)));
    await loadScenario($('scenario').value, $('scenario').value === 'gcm-2017-2018' ? await first : null);
    document.body.dataset.ready = 'true';
  } catch (e) {
    showError(e.status === 401 ? 'This server needs its token: open the address `gcmsim serve` printed, with #token=...' : e.message);
  }
}

start();
