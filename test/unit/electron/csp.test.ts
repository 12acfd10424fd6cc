import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyHeader,
  securityHeaders,
} from '../../../electron/main/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  it('allows no inline or evaluated code anywhere', () => {
    for (const policy of [
      CONTENT_SECURITY_POLICY,
      contentSecurityPolicyHeader('https://p.gov.cn'),
    ]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
      const d = directives(policy);
      // No bare wildcard or whole-scheme source (https:, http:) anywhere.
      for (const values of d.values())
        expect(
          values.filter(
            (v) => v === '*' || (/^[a-z-]+:$/.test(v) && !['data:', 'blob:'].includes(v)),
          ),
        ).toEqual([]);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('style-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'none'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
    }
  });

  it('forbids framing in the header only, since a meta tag cannot carry it', () => {
    expect(directives(contentSecurityPolicyHeader(null)).get('frame-ancestors')).toEqual([
      "'none'",
    ]);
    expect(directives(CONTENT_SECURITY_POLICY).has('frame-ancestors')).toBe(false);
  });

  it('lets the page connect to loopback and to the configured platform only', () => {
    expect(directives(contentSecurityPolicyHeader(null)).get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
    expect(
      directives(contentSecurityPolicyHeader('https://platform.hebei.gov.cn')).get('connect-src'),
    ).toContain('https://platform.hebei.gov.cn');
  });

  it('sends the policy with nosniff on every response', () => {
    const headers = securityHeaders(null);
    expect(headers['content-security-policy']).toBe(contentSecurityPolicyHeader(null));
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });
});
