/** The route table and the Host rule, without a server: table-driven. */
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostAllowed, hostPort, routeOf } from '../../src/preview/security.js';

describe('routeOf: only the fixed table, nothing decoded or normalised', () => {
  it.each([
    ['/', { kind: 'home' }],
    ['/?x=1', { kind: 'home' }],
    ['/list', { kind: 'list' }],
    ['/events', { kind: 'events' }],
    ['/live.js', { kind: 'shell', name: 'live.js' }],
    ['/shell.css', { kind: 'shell', name: 'shell.css' }],
    ['/assets/preview.js', { kind: 'asset', path: '/assets/preview.js' }],
    ['/d/2023/institutional-environment/', { kind: 'deck', key: '2023/institutional-environment', part: 'page' }],
    [
      '/d/2023/institutional-environment/slides?v=3',
      { kind: 'deck', key: '2023/institutional-environment', part: 'slides' },
    ],
    [
      '/d/2023/institutional-environment/deck.pptx',
      { kind: 'deck', key: '2023/institutional-environment', part: 'pptx' },
    ],
    ['/d/f/1/deck.pdf', { kind: 'deck', key: 'f/1', part: 'pdf' }],
  ])('%s → a route', (target, route) => {
    expect(routeOf(target)).toEqual(route);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/package.json',
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e',
    '/assets/./preview.js',
    '/assets/sub/preview.js',
    '//etc/passwd',
    '/etc/passwd',
    '/package.json',
    '/d/2023/../../package.json',
    '/d/2023/x/../../../package.json',
    '/d/2023/x%2f..%2f..%2fpackage.json/',
    '/d/2023/x',
    '/d/2023/x/deck.pptx/',
    '/d/2023/x/other',
    '/d/../x/',
    '/\\..\\package.json',
    'http://127.0.0.1:4870/package.json',
    'http://127.0.0.1:4870/',
    '*',
    '',
    'C:\\Windows\\win.ini',
  ])('%j → 404', (target) => {
    expect(routeOf(target)).toBeUndefined();
  });
});

describe('Host: the printed host:port only (DNS rebinding)', () => {
  const loopback = allowedHosts(['127.0.0.1'], 4870);
  it.each([
    ['127.0.0.1:4870', true],
    ['LOCALHOST:4870', true],
    ['localhost:4870', true],
    ['127.0.0.1:4871', false],
    ['127.0.0.1', false],
    ['evil.example:4870', false],
    ['attacker.example', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (host, ok) => {
    expect(hostAllowed(host, loopback)).toBe(ok);
  });

  it('a network address is answered by its own name only, not by localhost', () => {
    const lan = allowedHosts(['192.168.1.5'], 4870);
    expect([...lan]).toEqual(['192.168.1.5:4870']);
  });

  it('IPv6 in brackets', () => {
    expect(hostPort('::1', 80)).toBe('[::1]:80');
    expect(hostAllowed('[::1]:80', allowedHosts(['::1'], 80))).toBe(true);
  });
});
