// The debrief: the outcome against the model's own run with the same seed, and each played seat's
// decisions against what the model would have done there. Drawn on the teacher's page and
// written as one HTML file to hand out (no script; every text escaped by the serialiser).
import { el, draftChart, outcomeText, when } from '/room_draw.js';

export function debriefSection(debrief, board, doc = document) {
  const root = doc.createElement('div');
  const add = (parent, tag, text, attrs = {}) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  };
  add(root, 'h3', 'What the class did');
  add(root, 'p', outcomeText(debrief.outcome), { class: 'outcome', id: 'outcome-played' });
  if (board) root.append(doc.importNode(draftChart(board, null, document), true));
  add(root, 'h3', 'What the model alone would have done (same seed, every seat the model\'s)');
  add(root, 'p', outcomeText(debrief.model_alone), { class: 'outcome', id: 'outcome-model' });
  add(root, 'h3', 'Each delegation played by students');
  for (const s of debrief.seats) {
    const who = s.players.length ? s.players.join(', ') : 'nobody joined: the model played it';
    add(root, 'h4', `${s.state} (${s.iso3}): ${who}`);
    add(root, 'p', `${s.asked} decisions asked, ${s.answered} answered in time, ${s.differed} different from the model's choice.`);
    if (!s.path.length) continue;
    const table = add(root, 'table', undefined, { class: 'path' });
    const head = add(table, 'tr');
    for (const h of ['When (simulated)', 'Decision', 'Dimension', 'Chose', 'The model would have', 'In time']) add(head, 'th', h);
    for (const d of s.path) {
      const tr = add(table, 'tr', undefined, d.answered && d.chose !== d.model_would ? { class: 'differs' } : {});
      for (const v of [when(d.time), d.decision, d.dimension || '', d.chose, d.model_would, d.answered ? 'yes' : 'no: the model decided']) add(tr, 'td', v);
    }
  }
  add(root, 'h3', 'Replay it');
  add(root, 'p', 'With decisions.csv from this session, this command replays it exactly:');
  add(root, 'pre', debrief.command, { class: 'command', id: 'replay-command' });
  add(root, 'p', `gcmsim ${debrief.version}; scenario ${debrief.scenario.path}; seed ${debrief.seed}.`, { class: 'muted' });
  return root;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1000px;margin:1em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
tr.differs{background:#fff3d6}pre{white-space:pre-wrap;word-break:break-all;background:#f3f3f3;padding:.4em}
svg{max-width:100%;height:auto}.muted{color:#555}.outcome{font-size:1.1em}`;

export function debriefFile(debrief, board) {
  const doc = document.implementation.createHTMLDocument(`gcmsim classroom debrief: ${debrief.scenario.title}`);
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  doc.head.prepend(csp);
  const style = doc.createElement('style');
  style.textContent = STYLE;
  doc.head.append(style);
  const h1 = doc.createElement('h1');
  h1.textContent = `Debrief: ${debrief.scenario.title}`;
  doc.body.append(h1);
  doc.body.append(doc.importNode(debriefSection(debrief, board), true));
  return '<!DOCTYPE html>\n' + doc.documentElement.outerHTML;
}

export { el };
