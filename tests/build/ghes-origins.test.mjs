// GitHub Enterprise Server origins given at build time (GHES_ORIGINS, `make dist GHES_ORIGINS="…"`) join
// the policy's connect-src; anything that is not exactly an https origin fails the build with a message
// that says what to write. Tested on scripts/csp-origins.mjs, on the post-build hook itself (run on the
// source index.html, as trunk runs it on the staged one) and on `make dist`'s check before it compiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ORIGINS, GhesOriginError, SANDBOX_ORIGINS, connectOrigins, ghesOrigins } from '../../scripts/csp-origins.mjs';

test('GHES_ORIGINS unset or blank adds nothing', () => {
  assert.deepEqual(ghesOrigins({}), []);
  assert.deepEqual(ghesOrigins({ GHES_ORIGINS: '  ' }), []);
});

test('origins separated by spaces or commas are read in order, each once', () => {
  assert.deepEqual(
    ghesOrigins({ GHES_ORIGINS: ' https://github.example.com https://ghe2.example.org:8443,https://10.1.2.3 https://github.example.com ' }),
    ['https://github.example.com', 'https://ghe2.example.org:8443', 'https://10.1.2.3'],
  );
});

test('the servers come after GitHub.com and GHE.com, and before the sandbox\'s origins in the sandbox build', () => {
  const ghes = ['https://github.example.com'];
  assert.deepEqual(connectOrigins({ sandbox: false, ghes }), [...API_ORIGINS, ...ghes]);
  assert.deepEqual(connectOrigins({ sandbox: true, ghes }), [...API_ORIGINS, ...ghes, ...SANDBOX_ORIGINS]);
  assert.deepEqual(connectOrigins({ sandbox: false }), API_ORIGINS);
});

/** What ghesOrigins says of one value: its origins, or the message it throws. */
function refusal(value) {
  try {
    return `accepted ${ghesOrigins({ GHES_ORIGINS: value })}`;
  } catch (error) {
    assert.ok(error instanceof GhesOriginError);
    return error.message;
  }
}

test('anything but an https origin is refused with what to write instead', () => {
  const refused = {
    'http://github.example.com': 'is not https',
    'github.example.com': 'is not an address',
    'https://github.example.com/api/v3': 'has a path: the origin is https://github.example.com',
    'https://github.example.com/': 'has a path',
    'https://github.example.com?x=1': 'has a path',
    'https://GitHub.example.com': 'write https://github.example.com',
    'https://github.example.com:443': 'write https://github.example.com',
    'https://bücher.example': 'write https://xn--bcher-kva.example',
    'https://*.example.com': 'holds a wildcard',
    'https://me:secret@github.example.com': 'holds a user name or password',
    "'self'": 'is not an address',
    '*': 'is not an address',
  };
  for (const [value, why] of Object.entries(refused)) {
    const message = refusal(value);
    assert.ok(message.startsWith(`GHES_ORIGINS: "${value}" `), message);
    assert.ok(message.includes(why), `${value}: ${message}`);
    assert.ok(message.includes('e.g. GHES_ORIGINS="https://github.example.com'), 'the message shows a valid value');
  }
});

test('characters that would end the directive or the attribute are refused, whatever the URL parser allows', () => {
  for (const value of ['https://x.example;', "https://x.example'", 'https://x"example', 'https://x.example;script-src']) {
    assert.match(refusal(value), /not a DNS name or an IPv4 address/, value);
  }
});

test('loopback is refused: only the sandbox build may call this machine', () => {
  for (const value of ['https://127.0.0.1', 'https://127.0.0.1:8443', 'https://127.1', 'https://localhost', 'https://a.localhost', 'https://0.0.0.0', 'https://[::1]']) {
    assert.doesNotMatch(refusal(value), /^accepted/, value);
  }
  assert.match(refusal('https://localhost:8443'), /is this machine \(loopback\)/);
});

test('one bad origin among good ones refuses them all', () => {
  assert.match(refusal('https://github.example.com http://ghe2.example.org'), /"http:\/\/ghe2\.example\.org" is not https/);
});

/** Runs the post-build hook on a copy of the source index.html, as trunk runs it on the staged one. */
function runHook(env) {
  const staging = mkdtempSync(join(tmpdir(), 'csp-hook-'));
  try {
    copyFileSync('index.html', join(staging, 'index.html'));
    const run = spawnSync('node', ['scripts/csp-hashes.mjs'], {
      env: { PATH: process.env.PATH, TRUNK_STAGING_DIR: staging, ...env },
      encoding: 'utf8',
    });
    return { ...run, html: readFileSync(join(staging, 'index.html'), 'utf8') };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const connectSrc = (html) => html.match(/connect-src ([^;"]*)/)[1].trim().split(/\s+/);

test('the post-build hook writes the servers into connect-src, in the published and the sandbox build', () => {
  const ghes = 'https://github.example.com https://ghe2.example.org';
  const published = runHook({ GHES_ORIGINS: ghes });
  assert.equal(published.status, 0, published.stderr);
  assert.deepEqual(connectSrc(published.html), ["'self'", ...API_ORIGINS, 'https://github.example.com', 'https://ghe2.example.org']);
  assert.match(published.stdout, /with the Enterprise Servers https:\/\/github\.example\.com https:\/\/ghe2\.example\.org/);

  const sandbox = runHook({ GHES_ORIGINS: ghes, SANDBOX_CSP: '1' });
  assert.equal(sandbox.status, 0, sandbox.stderr);
  assert.deepEqual(connectSrc(sandbox.html), ["'self'", ...API_ORIGINS, 'https://github.example.com', 'https://ghe2.example.org', ...SANDBOX_ORIGINS]);

  assert.deepEqual(connectSrc(runHook({}).html), ["'self'", ...API_ORIGINS]);
});

test('a bad GHES_ORIGINS fails the hook, and so the build, with the message, leaving the page unfinished', () => {
  const run = runHook({ GHES_ORIGINS: 'https://github.example.com/api/v3' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /GHES_ORIGINS: "https:\/\/github\.example\.com\/api\/v3" has a path: the origin is https:\/\/github\.example\.com/);
  assert.match(run.html, /'api-origins'/);
});

test('`make dist` refuses a bad GHES_ORIGINS before it compiles anything, and leaves dist/ as it was', () => {
  const before = readFileSync('dist/index.html', 'utf8');
  const started = Date.now();
  const run = spawnSync('make', ['--no-print-directory', 'dist', 'GHES_ORIGINS=http://github.example.com'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /GHES_ORIGINS: "http:\/\/github\.example\.com" is not https/);
  assert.doesNotMatch(run.stdout + run.stderr, /Compiling|trunk/i, 'stopped before the build');
  assert.ok(Date.now() - started < 30_000);
  assert.equal(readFileSync('dist/index.html', 'utf8'), before);
});
