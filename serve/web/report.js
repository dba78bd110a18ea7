// The self-contained report: one HTML file with the charts as inline SVG and the styles inline, no
// script, readable offline and by email. Built as a DOM document and serialised, so every text is
// escaped by the serialiser.
const STYLE = `body{font-family:system-ui,sans-serif;max-width:1050px;margin:1em auto;padding:0 1em;color:#222}
pre,code{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;background:#f3f3f3;padding:.4em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.moved{background:#fff3d6}.warning{border-left:6px solid #D55E00;padding:.3em .6em;background:#fdecea}
svg{max-width:100%;height:auto}.muted{color:#555}dt{font-weight:bold}`;

export function buildReport(result, chartSections, table) {
  const doc = document.implementation.createHTMLDocument('gcmsim compare report');
  const add = (parent, tag, text, attrs = {}) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  };
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  add(doc.head, 'style', STYLE);
  // No script can run in it even if one were smuggled in: the report forbids them itself.
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  doc.head.prepend(csp);
  const body = doc.body;
  // The what-if is what the command adds to the base: a shipped override and the knobs' options.
  const changes = result.command.replace(/^gcmsim compare \S+ ?/, '').replace(/ ?-r \d+ --seed \d+$/, '');
  add(body, 'h1', `What-if: ${changes || 'the baseline itself'}`);
  add(body, 'p', `Compared with the baseline "${result.base.name}" over ${result.pairs} paired replications (seed ${result.seed}): replication k of both plans draws the same random numbers.`);
  add(body, 'h2', 'Reproduce it');
  add(body, 'pre', result.command, { id: 'command' });
  const dl = add(body, 'dl');
  const item = (k, v) => { add(dl, 'dt', k); add(dl, 'dd', v); };
  item('gcmsim version', result.version);
  item('baseline content hash', result.base.content_hash);
  item('what-if content hash', result.whatif.content_hash);
  item('fingerprint, baseline replication 0 (manifest.json)', result.fingerprints.base);
  item('fingerprint, what-if replication 0 (manifest.json)', result.fingerprints.whatif);
  for (const w of result.warnings) add(body, 'p', `Warning: ${w}`, { class: 'warning' });
  for (const s of chartSections) body.append(doc.importNode(s, true));
  add(body, 'h2', 'Every metric (compare.csv)');
  add(body, 'p', '"moved": the 95% interval of the paired difference excludes zero.', { class: 'muted' });
  body.append(doc.importNode(table, true));
  return '<!DOCTYPE html>\n' + doc.documentElement.outerHTML;
}
