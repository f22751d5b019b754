/**
 * The site's one stylesheet: readable without it (plain semantic HTML), and
 * with it at any width down to 320 CSS px (200 % zoom of a 640 px window)
 * without scrolling sideways; wide tables scroll inside their own region.
 * Text colours reach 4.5:1 on their backgrounds (checked by the tests with
 * axe-core); the template's primary colour is used for headings only when
 * it does (site.ts). A print stylesheet drops the navigation and shows links.
 */
export function stylesheet(heading: string): string {
  return `:root {
  --text: #1a1a1a;
  --muted: #4a4a4a;
  --link: #0b4f9c;
  --heading: #${heading};
  --rule: #8a94a6;
  --stripe: #f2f4f8;
  --focus: #b35c00;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-family: Arial, "Liberation Sans", Arimo, sans-serif; font-size: 100%; line-height: 1.5; color: var(--text); background: #fff; }
body { margin: 0; overflow-wrap: anywhere; hyphens: auto; }
.skip { position: absolute; left: -999em; }
.skip:focus { position: static; display: block; padding: 0.5rem 1rem; background: #fff; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 1px solid var(--rule); padding-top: 0.5rem; padding-bottom: 0.5rem; }
footer { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; padding-bottom: 2rem; color: var(--muted); }
h1, h2, h3 { color: var(--heading); line-height: 1.25; }
h1 { font-size: 1.75rem; margin: 1rem 0; }
h2 { font-size: 1.375rem; margin: 2rem 0 0.75rem; }
.kicker { font-weight: bold; margin-bottom: 0; }
a { color: var(--link); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
ul { padding-left: 1.5rem; }
li { margin: 0.25rem 0; }
.note { border-left: 4px solid var(--focus); padding: 0.5rem 1rem; background: var(--stripe); font-weight: bold; }
.table { max-width: 100%; overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.375rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: var(--stripe); }
tbody tr:nth-child(even) { background: #fafbfc; }
td { text-align: right; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); margin-top: 0.5rem; }
svg.chart { display: block; width: 100%; height: auto; font-size: 14px; fill: var(--text); }
.downloads li { margin: 0.5rem 0; }
@media print {
  .skip, header nav { display: none; }
  html { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  a { color: var(--text); }
  .downloads a::after { content: " (" attr(href) ")"; }
  .table { overflow: visible; }
  tr, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;
}
