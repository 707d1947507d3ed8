/**
 * The swarm's root CA as `docker node inspect` shows it (`Description.TLSInfo`, the pretty page's
 * `TLS Info`). swarmkit creates it at `swarm init` through cfssl: a self-signed P-256 certificate
 * `CN=swarm-ca`, valid 20 years from the init time rounded to the minute, backdated 5 minutes,
 * with a random 20-byte serial, CA key usage and basic constraints and the SHA-1 of the public
 * point as its key identifier (checked against the certificates recorded in
 * test/fixtures/real-docker-multinode/course-notes).
 *
 * swarmsim has no TLS, so nothing checks this certificate; it is built to be a real one all the
 * same, so that a learner who decodes it (`openssl x509 -text`) sees what a swarm's looks like.
 * Its key, serial and ECDSA nonce come from hashing the cluster ID, never from the simulation's
 * random streams: a read-only command must not change what the simulation does next, and the same
 * cluster always shows the same certificate.
 */
import { createECDH, createHash } from 'node:crypto';
import type { ClusterSettings } from '../model/state.js';
import { SIM_EPOCH_UNIX_MS } from './clock.js';
import { formatRFC3339Nano } from './template/go-time.js';
import { GoTime } from './template/values.js';

/** What a node reports of the CA that issued its certificate (`swarm.TLSInfo`). */
export interface SwarmTlsInfo {
  /** The root CA certificate, PEM, ending in a newline. */
  trustRoot: string;
  /** The issuer's subject, DER, base64. */
  certIssuerSubject: string;
  /** The issuer's public key (SubjectPublicKeyInfo), DER, base64. */
  certIssuerPublicKey: string;
}

// P-256's group order (SEC 2).
const CURVE_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const ECDSA_WITH_SHA256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const EC_PUBLIC_KEY = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const PRIME256V1 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const COMMON_NAME = [0x06, 0x03, 0x55, 0x04, 0x03];
const ROOT_CA_VALIDITY_MS = 630_720_000_000; // swarmkit's RootCAExpiration, 20 years
const CFSSL_BACKDATE_MS = 5 * 60_000;

/** The root CA of the swarm `cluster`, created when it was initialised. */
export function swarmTlsInfo(cluster: ClusterSettings): SwarmTlsInfo {
  const privateKey = scalarFrom(`${cluster.id}/root-ca/key`);
  const point = publicPoint(privateKey);
  const subject = der(0x30, der(0x31, der(0x30, COMMON_NAME, der(0x13, ascii('swarm-ca')))));
  const publicKeyInfo = der(0x30, der(0x30, EC_PUBLIC_KEY, PRIME256V1), der(0x03, [0], point));
  const notBefore = roundToMinute(SIM_EPOCH_UNIX_MS + cluster.createdAt) - CFSSL_BACKDATE_MS;
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, [2])),
    derInteger(serialFrom(`${cluster.id}/root-ca/serial`)),
    der(0x30, ECDSA_WITH_SHA256),
    subject,
    der(0x30, utcTime(notBefore), utcTime(notBefore + ROOT_CA_VALIDITY_MS)),
    subject,
    publicKeyInfo,
    der(0xa3, der(0x30, caExtensions(point))),
  );
  const signature = der(0x03, [0], sign(tbs, privateKey));
  const certificate = der(0x30, tbs, der(0x30, ECDSA_WITH_SHA256), signature);
  return {
    trustRoot: pem(Buffer.from(certificate)),
    certIssuerSubject: Buffer.from(subject).toString('base64'),
    certIssuerPublicKey: Buffer.from(publicKeyInfo).toString('base64'),
  };
}

function caExtensions(point: number[]): number[] {
  const critical = [0x01, 0x01, 0xff];
  const certSignAndCrlSign = der(0x04, [0x03, 0x02, 0x01, 0x06]);
  const keyUsage = der(0x30, [0x06, 0x03, 0x55, 0x1d, 0x0f], critical, certSignAndCrlSign);
  const basicConstraints = der(
    0x30,
    [0x06, 0x03, 0x55, 0x1d, 0x13],
    critical,
    der(0x04, der(0x30, [0x01, 0x01, 0xff])),
  );
  const keyId = [...createHash('sha1').update(Buffer.from(point)).digest()];
  const subjectKeyId = der(0x30, [0x06, 0x03, 0x55, 0x1d, 0x0e], der(0x04, der(0x04, keyId)));
  return [...keyUsage, ...basicConstraints, ...subjectKeyId];
}

/** ECDSA over SHA-256 with a nonce derived from the key and the message (no randomness). */
function sign(message: number[], privateKey: bigint): number[] {
  const digest = toBigInt(createHash('sha256').update(Buffer.from(message)).digest());
  for (let attempt = 0; ; attempt += 1) {
    const nonce = scalarFrom(`${privateKey.toString(16)}/${digest.toString(16)}/${attempt}`);
    const r = toBigInt(Buffer.from(publicPoint(nonce).slice(1, 33))) % CURVE_ORDER;
    const s = (modInverse(nonce, CURVE_ORDER) * (digest + r * privateKey)) % CURVE_ORDER;
    if (r !== 0n && s !== 0n) return der(0x30, derInteger(r), derInteger(s));
  }
}

/** The uncompressed point `scalar`·G, as node's ECDH computes a public key. */
function publicPoint(scalar: bigint): number[] {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex'));
  return [...ecdh.getPublicKey()];
}

/** A scalar in [1, n) from hashing `text` (rehashed in the rare case it falls outside). */
function scalarFrom(text: string): bigint {
  for (let round = 0; ; round += 1) {
    const value = toBigInt(createHash('sha256').update(`${text}#${round}`).digest());
    if (value > 0n && value < CURVE_ORDER) return value;
  }
}

/** A positive 159-bit serial, as cfssl draws one. */
function serialFrom(text: string): bigint {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 20);
  bytes[0] = bytes[0]! & 0x7f;
  return toBigInt(bytes);
}

function modInverse(value: bigint, modulus: bigint): bigint {
  let [low, high, x, y] = [value % modulus, modulus, 1n, 0n];
  while (low > 1n) {
    const quotient = high / low;
    [low, high] = [high - quotient * low, low];
    [x, y] = [y - quotient * x, x];
  }
  return ((x % modulus) + modulus) % modulus;
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

/** A DER INTEGER: minimal big-endian two's complement of a non-negative value. */
function derInteger(value: bigint): number[] {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = [...Buffer.from(hex, 'hex')];
  if ((bytes[0] ?? 0) >= 0x80) bytes.unshift(0);
  return der(0x02, bytes);
}

/** A DER element of type `tag` holding the concatenated `parts`. */
function der(tag: number, ...parts: number[][]): number[] {
  const content = parts.flat();
  const length = content.length;
  if (length < 0x80) return [tag, length, ...content];
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) lengthBytes.unshift(rest & 0xff);
  return [tag, 0x80 | lengthBytes.length, ...lengthBytes, ...content];
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'ascii')];
}

/** UTCTime `YYMMDDhhmmssZ` (certificates use it up to 2049). */
function utcTime(unixMs: number): number[] {
  const iso = formatRFC3339Nano(new GoTime(BigInt(unixMs) * 1_000_000n)); // whole minutes
  const digits = iso.slice(2, 19).replace(/[-T:]/g, '');
  return der(0x17, ascii(`${digits}Z`));
}

function roundToMinute(unixMs: number): number {
  return Math.round(unixMs / 60_000) * 60_000;
}

function pem(bytes: Buffer): string {
  const lines = bytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
