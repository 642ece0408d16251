/**
 * The report's stylesheet and its one small script. The script adds tooltips to chart marks
 * from the aria-labels vega writes into the SVG (values from the chart's tooltip encoding); it is
 * hand-written (≈ 1 KB) instead of inlining vega + vega-lite + vega-embed (> 1 MB), reads nothing
 * over the network, and the charts are complete without it.
 */

export const STYLESHEET = `
:root { --ink: #1d2430; --muted: #5d6675; --rule: #e3e6eb; --panel: #f6f7f9; --accent: #2f5d9b; --bad: #b3261e; --good: #1e7b34; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.55 Inter, "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif; }
main { max-width: 1260px; margin: 0 auto; padding: 0 32px 64px; }
header.top { background: #1d2430; color: #fff; }
header.top .inner { max-width: 1260px; margin: 0 auto; padding: 28px 32px 22px; }
header.top h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
header.top p { margin: 0; color: #c9d1dc; font-size: 14px; }
nav.toc { max-width: 1260px; margin: 0 auto; padding: 10px 32px; font-size: 13px; border-bottom: 1px solid var(--rule); }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 18px; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 28px 0 6px; }
p, li { max-width: 82ch; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; overflow-x: auto; }
.summary { background: var(--panel); border-left: 4px solid var(--accent); border-radius: 4px; padding: 14px 20px; }
.summary p { margin: 6px 0; }
.summary p, .summary li { max-width: 118ch; }
.summary ul { margin: 6px 0; padding-left: 20px; }
.summary li { margin: 4px 0; }
.summary .status-fail { color: var(--bad); font-weight: 600; }
.summary .status-pass { color: var(--good); font-weight: 600; }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; margin: 8px 0; }
table.data th, table.data td { padding: 6px 7px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
table.data thead th { background: var(--panel); font-weight: 600; border-bottom: 2px solid #c8cdd5; white-space: nowrap; }
table.data tbody tr:hover { background: #f2f6fb; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data tbody th { white-space: nowrap; font-weight: 600; }
table.data tr.bound { font-style: italic; color: var(--muted); }
table.data tr.fail td { color: var(--bad); }
table.compact { width: auto; }
.ci { color: var(--muted); font-size: 12px; }
.ns { color: var(--muted); }
abbr { text-decoration: none; border-bottom: 1px dotted var(--muted); cursor: help; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 13px; }
td.reused { color: var(--muted); }
figure.chart { margin: 18px 0 30px; }
figure.chart h3 { margin-bottom: 2px; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin: 0 0 8px; max-width: 110ch; }
figure.chart .svg { overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
dl.facts { display: grid; grid-template-columns: 170px 1fr; gap: 6px 16px; margin: 8px 0 16px; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.callout { border: 1px solid #e0c98a; background: #fff8e6; border-radius: 4px; padding: 10px 14px; }
table.facts-table { border-collapse: collapse; font-size: 13px; }
table.facts-table th { text-align: left; padding: 4px 16px 4px 0; color: var(--muted); font-weight: 600; white-space: nowrap; }
table.facts-table td { padding: 4px 0; word-break: break-all; }
ul.limits li { margin: 6px 0; }
details { margin: 10px 0; }
details summary { cursor: pointer; color: var(--accent); }
footer { max-width: 1260px; margin: 0 auto; padding: 16px 32px 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); }
#tooltip { position: fixed; pointer-events: none; z-index: 10; background: #1d2430; color: #fff; font-size: 12px; line-height: 1.45; padding: 6px 9px; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.25); white-space: pre; display: none; }
@media print { header.top { background: none; color: var(--ink); } header.top p { color: var(--muted); } nav.toc { display: none; } figure.chart { break-inside: avoid; } }
`;

/** Tooltips over chart marks from their aria-label ("field: value; field: value"). */
export const TOOLTIP_SCRIPT = `(function () {
  var tip = document.createElement('div');
  tip.id = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);
  var marks = document.querySelectorAll('figure.chart g.role-mark > [aria-label]');
  function show(event) {
    tip.textContent = event.currentTarget.getAttribute('aria-label').split('; ').join('\\n');
    tip.style.display = 'block';
    move(event);
  }
  function move(event) {
    var x = event.clientX + 14, y = event.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = event.clientX - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > window.innerHeight) y = event.clientY - tip.offsetHeight - 14;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hide() { tip.style.display = 'none'; }
  for (var i = 0; i < marks.length; i++) {
    marks[i].addEventListener('mouseenter', show);
    marks[i].addEventListener('mousemove', move);
    marks[i].addEventListener('mouseleave', hide);
    marks[i].style.cursor = 'default';
  }
})();`;
