import { listeningLine } from './listening';

describe('listeningLine', () => {
  it('says 0.0.0.0 is every IPv4 interface, and where to reach it from this machine', () => {
    expect(listeningLine({ address: '0.0.0.0', family: 'IPv4', port: 3000 }, 'data in /srv/data')).toBe(
      'survey api listening on http://0.0.0.0:3000 (every IPv4 interface; from this machine http://localhost:3000; data in /srv/data)',
    );
  });

  it('prints a specific address as it is, IPv6 in brackets', () => {
    expect(listeningLine({ address: '10.0.0.5', family: 'IPv4', port: 8080 }, 'x')).toBe('survey api listening on http://10.0.0.5:8080 (x)');
    expect(listeningLine({ address: '::1', family: 'IPv6', port: 8080 }, 'x')).toBe('survey api listening on http://[::1]:8080 (x)');
    expect(listeningLine({ address: '::', family: 'IPv6', port: 80 }, 'x')).toBe('survey api listening on http://[::]:80 (every interface; from this machine http://localhost:80; x)');
  });
});
