// The one place that lists where the page may send requests (the Content-Security-Policy's connect-src,
// after 'self'). index.html names the placeholder 'api-origins'; the post-build hook (csp-hashes.mjs)
// replaces it with connectOrigins().
//
// The published build (plain `trunk build --release`, `make dist`) allows GitHub.com and GHE.com only: a
// page that may call loopback lets any link aim a token at a listener on the person's own machine. Only
// the build that `make build`, `make serve`, `make bench` and the tests use (SANDBOX_CSP=1) adds the local
// sandbox's origins. A GitHub Enterprise Server's origin is given at build time, in the environment
// variable GHES_ORIGINS (`make dist GHES_ORIGINS="https://github.example.com"`), so nobody edits a file
// to self-host.

import { pathToFileURL } from 'node:url';

/** Where the published page may connect. */
export const API_ORIGINS = ['https://api.github.com', 'https://*.ghe.com'];

/** The local sandbox, plain and TLS, by address and by name: only in the sandbox build. */
export const SANDBOX_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*', 'https://127.0.0.1:*', 'https://localhost:*'];

/** Whether this build is the sandbox build: SANDBOX_CSP=1 in the environment. */
export function isSandboxBuild(env = process.env) {
  return env.SANDBOX_CSP === '1';
}

/** A GHES_ORIGINS value that cannot go into the policy; its message says what to write instead. */
export class GhesOriginError extends Error {}

/**
 * The GitHub Enterprise Server origins in GHES_ORIGINS (separated by spaces or commas; none when unset or
 * blank), each checked to be exactly an https origin: `https://HOST` or `https://HOST:PORT`, lower case,
 * no path, no wildcard. A policy source is not a URL: a path would be matched as a path prefix, a `*` or a
 * `'keyword'` would widen the policy, and plain http would let the token cross the network in the clear;
 * so anything else throws rather than being passed through.
 */
export function ghesOrigins(env = process.env) {
  const value = env.GHES_ORIGINS ?? '';
  const origins = value.split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) checkGhesOrigin(origin);
  return [...new Set(origins)];
}

function checkGhesOrigin(origin) {
  const example = 'https://github.example.com';
  const refuse = (why) => {
    throw new GhesOriginError(`GHES_ORIGINS: "${origin}" ${why}. Give each Enterprise Server as an https origin, scheme and host only, e.g. GHES_ORIGINS="${example} https://ghe2.example.org".`);
  };
  let url;
  try {
    url = new URL(origin);
  } catch {
    refuse('is not an address');
  }
  if (url.protocol !== 'https:') refuse('is not https (the token must not cross the network in the clear)');
  if (url.username || url.password) refuse('holds a user name or password');
  // The published policy's promise: no loopback source (only the sandbox build, `make build`, has one).
  if (/^(127\.\d+\.\d+\.\d+|0\.0\.0\.0|(.+\.)?localhost)$/.test(url.hostname)) {
    refuse('is this machine (loopback): a published page that may call it lets any link aim a token at a listener on the person\'s own machine');
  }
  if (origin.includes('*')) refuse('holds a wildcard');
  if (url.pathname !== '/' || url.search || url.hash || origin.endsWith('/')) {
    refuse(`has a path: the origin is ${url.origin} (the API's /api/v3 is not part of it)`);
  }
  if (url.origin !== origin) refuse(`is not written as an origin: write ${url.origin}`);
  // The URL parser lets through characters such as ; ' " that would end the directive or the attribute.
  if (!HOST_NAME.test(url.hostname)) refuse('has a host that is not a DNS name or an IPv4 address');
}

/** Dot-separated labels of letters, digits and inner hyphens (a punycode name or an IPv4 address). */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** The connect-src origins of a build, in the order the policy lists them. */
export function connectOrigins({ sandbox, ghes = [] }) {
  return [...API_ORIGINS, ...ghes, ...(sandbox ? SANDBOX_ORIGINS : [])];
}

// Run as a script (`node scripts/csp-origins.mjs`, as the Makefile does before a build), it checks
// GHES_ORIGINS at once, so a mistyped origin fails in a second rather than after the compile.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const ghes = ghesOrigins();
    console.log(`connect-src: 'self' ${connectOrigins({ sandbox: isSandboxBuild(), ghes }).join(' ')}`);
  } catch (error) {
    if (!(error instanceof GhesOriginError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
