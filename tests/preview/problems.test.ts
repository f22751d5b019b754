/** Located problems on the page: the terminal's line, the source line, a marker under the column. */
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/errors.js';
import { escapeHtml, markerLine, problemsHtml } from '../../src/preview/problems.js';

describe('markerLine', () => {
  it.each([
    ['      plan: семьдесят', 13, '            ^'],
    ['x', 1, '^'],
    ['\tplan: x', 8, '\t      ^'],
    ['short', 40, '     ^'],
  ])('%j col %i', (line, col, marker) => {
    expect(markerLine(line, col)).toBe(marker);
  });
});

describe('problemsHtml', () => {
  const d = diagnostic(
    'InvalidValue',
    { file: 'content/2023/x.yaml', line: 2, col: 9, path: 'a.plan' },
    { kind: 'type', expected: 'число', got: '«<b>»' },
  );

  it('the formatDiagnostic line, then the source line and the marker, escaped', () => {
    const html = problemsHtml([d], new Map([['content/2023/x.yaml', ['a:', '  plan: <b>']]]), true);
    expect(html).toContain('content/2023/x.yaml:2:9: ошибка: a.plan: ожидается число, получено «&lt;b&gt;»');
    expect(html).toContain('<span class="itogi-gutter">2 | </span>  plan: &lt;b&gt;\n');
    expect(html).toContain('<span class="itogi-marker">        ^</span>');
    expect(html).toContain('ниже — слайды последней версии без ошибок');
    expect(html).not.toContain('<b>');
  });

  it('nothing to say: empty', () => {
    expect(problemsHtml([], new Map(), true)).toBe('');
  });

  it('warnings only: a warnings block, not an error block', () => {
    const w = diagnostic('ZeroDivisor', { file: 'f.yaml', line: 1, col: 1 }, { field: 'plan', achieved: false });
    const html = problemsHtml([w], new Map(), true);
    expect(html).toContain('<h2>Предупреждения</h2>');
    expect(html).not.toContain('itogi-has-errors');
  });

  it('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
