/**
 * The swarm's root CA (src/dockercli/swarm-ca.ts): a certificate a learner can decode and verify,
 * the same every time for one cluster, another for another cluster.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { swarmTlsInfo } from '../../src/dockercli/swarm-ca.js';
import type { ClusterSettings } from '../../src/model/state.js';

const cluster = (id: string, createdAt = 0): ClusterSettings => ({
  id,
  createdAt,
  taskHistoryRetentionLimit: 5,
  heartbeatPeriodMs: 5000,
});

describe('the swarm root CA', () => {
  it('is a self-signed P-256 CA certificate whose signature verifies', () => {
    const tls = swarmTlsInfo(cluster('abc'));
    const certificate = new X509Certificate(tls.trustRoot);
    expect(certificate.subject).toBe('CN=swarm-ca');
    expect(certificate.issuer).toBe('CN=swarm-ca');
    expect(certificate.ca).toBe(true);
    expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    expect(tls.certIssuerPublicKey).toBe(spki.toString('base64'));
    expect(tls.certIssuerSubject).toBe('MBMxETAPBgNVBAMTCHN3YXJtLWNh');
  });

  it('names its key by the SHA-1 of the public point, as cfssl does', () => {
    const certificate = new X509Certificate(swarmTlsInfo(cluster('abc')).trustRoot);
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest('hex');
    expect(certificate.raw.toString('hex')).toContain(`0414${keyId}`);
  });

  it('is the same for one cluster and differs between clusters', () => {
    expect(swarmTlsInfo(cluster('abc'))).toEqual(swarmTlsInfo(cluster('abc')));
    expect(swarmTlsInfo(cluster('abd')).trustRoot).not.toBe(swarmTlsInfo(cluster('abc')).trustRoot);
  });

  it('is valid from the init rounded to the minute, less 5 minutes, for 20 years', () => {
    // Virtual time 0 is 2025-01-01T00:00:00Z; an init at 00:10:31 rounds to 00:11.
    const certificate = new X509Certificate(swarmTlsInfo(cluster('abc', 631_000)).trustRoot);
    expect(new Date(certificate.validFrom).toISOString()).toBe('2025-01-01T00:06:00.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2044-12-27T00:06:00.000Z');
  });
});
