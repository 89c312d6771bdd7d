// Prism (@stoplight/prism-cli, pinned in package.json) serving the OpenAPI description the project
// carries, with the Accept adapter in front of it: a second API that nobody on the project wrote.
//
// Started from a spec's beforeAll rather than as a Playwright webServer, so that only a run that includes
// the Prism specs pays Prism's few seconds of start-up.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startAcceptAdapter } from './prism-adapter.mjs';

export const DESCRIPTION = 'tests/fixtures/github-openapi/copilot-seats.openapi.json';
const PRISM = 'node_modules/.bin/prism';
/** Static Prism listens here, dynamic Prism one port up (overridable so two runs can share a machine). */
const BASE_PORT = Number(process.env.E2E_PRISM_PORT ?? 4010);

/** GitHub's OpenAPI description, as the file holds it. */
export function description() {
  return JSON.parse(readFileSync(DESCRIPTION, 'utf8'));
}

/** A named example of the description (`#/components/examples/NAME`). */
export function example(name) {
  return description().components.examples[name].value;
}

/** The example of an operation's success answer, following one `$ref` into the components. */
export function operationExample(method, path) {
  const spec = description();
  const responses = spec.paths[path][method].responses;
  const success = Object.keys(responses).find((code) => code.startsWith('2'));
  const found = responses[success].content['application/json'].examples.default;
  return found.$ref ? spec.components.examples[found.$ref.split('/').pop()].value : found.value;
}

/** The example request body of an operation. */
export function requestExample(method, path) {
  return description().paths[path][method].requestBody.content['application/json'].examples.default.value;
}

/**
 * Starts Prism on its port (static: GitHub's examples; dynamic: answers generated from the schemas) and the
 * Accept adapter in front of it. Resolves once both listen; `api` is the address to give the app.
 */
export async function startPrism({ dynamic = false } = {}) {
  const port = BASE_PORT + (dynamic ? 1 : 0);
  const args = ['mock', DESCRIPTION, '--port', String(port), '--host', '127.0.0.1', ...(dynamic ? ['--dynamic'] : [])];
  const child = spawn(PRISM, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('Prism did not start within 30 s')), 30_000);
    function fail(error) {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n${output}`));
    }
    // Kept reading for Prism's life (a full pipe would stall it), and only its tail kept.
    const read = (chunk) => {
      output = (output + chunk).slice(-20_000);
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Prism exited (${code}) before it listened`)));
  });
  child.removeAllListeners('exit');
  const adapter = await startAcceptAdapter(`http://127.0.0.1:${port}`);
  return {
    prism: `http://127.0.0.1:${port}`,
    api: adapter.url,
    async stop() {
      await adapter.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
