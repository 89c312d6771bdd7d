// Playwright global setup: the suite talks to the local sandbox, which only the sandbox build's policy
// allows (SANDBOX_CSP=1, `make build`). A published build (`make dist`, plain `trunk build --release`)
// would refuse every request; say so at once instead of failing every test with a network error.
import { readFileSync } from 'node:fs';

export default function sandboxBuildOnly() {
  const dir = process.env.E2E_DIST ?? 'dist';
  const html = readFileSync(`${dir}/index.html`, 'utf8');
  if (!/connect-src[^;"]*http:\/\/127\.0\.0\.1:\*/.test(html)) {
    throw new Error(`${dir}/ is a published build: its Content-Security-Policy allows no loopback, so the page cannot reach the sandbox. Build it with \`make build\` (or SANDBOX_CSP=1 trunk build --release).`);
  }
}
