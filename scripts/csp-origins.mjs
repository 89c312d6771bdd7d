// The one place that lists where the page may send requests (the Content-Security-Policy's connect-src,
// after 'self'). index.html names the placeholder 'api-origins'; the post-build hook (csp-hashes.mjs)
// replaces it with connectOrigins().
//
// The published build (plain `trunk build --release`, `make dist`) allows GitHub.com and GHE.com only: a
// page that may call loopback lets any link aim a token at a listener on the person's own machine. Only
// the build that `make build`, `make serve`, `make bench` and the tests use (SANDBOX_CSP=1) adds the local
// sandbox's origins. (A GitHub Enterprise Server's origin goes in API_ORIGINS too: see README.)

/** Where the published page may connect. */
export const API_ORIGINS = ['https://api.github.com', 'https://*.ghe.com'];

/** The local sandbox, plain and TLS, by address and by name: only in the sandbox build. */
export const SANDBOX_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*', 'https://127.0.0.1:*', 'https://localhost:*'];

/** Whether this build is the sandbox build: SANDBOX_CSP=1 in the environment. */
export function isSandboxBuild(env = process.env) {
  return env.SANDBOX_CSP === '1';
}

/** The connect-src origins of a build, in the order the policy lists them. */
export function connectOrigins({ sandbox }) {
  return sandbox ? [...API_ORIGINS, ...SANDBOX_ORIGINS] : [...API_ORIGINS];
}
