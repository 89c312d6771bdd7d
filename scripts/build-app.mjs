// Builds the page's WebAssembly, cut into a first-load module and chunks fetched when first needed, into
// trunk's staging folder (called by post-build.mjs, trunk's post-build hook).
//
// Trunk builds the demo's worker, the styles and the page, but it cannot cut a wasm file: the cut must
// be made on cargo's output, before wasm-bindgen (trunk-rs/trunk#1022). So the page's own wasm is built
// here, in the steps `cargo leptos --split` takes:
// 1. cargo, linking with `--emit-relocs`, which the splitter needs (through `cargo rustc`, so the flag
//    reaches only the page's own link: the demo's worker and every dependency build as before);
// 2. crates/wasm-split-step, which moves every function reachable only from a `#[lazy]` function (and
//    what only it uses) into that function's chunk, and writes __wasm_split.js, the chunks' loader;
// 3. wasm-bindgen on the first-load module, keeping the exports the chunks import from it;
// 4. wasm-opt -Oz on every module (release builds), the binaryen of package.json, as trunk did.
// The page starts through start.js (written here with the build's names), not trunk's inline loader.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const NAME = 'copilot-seats';
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('build-app: TRUNK_STAGING_DIR is not set (run as a trunk hook)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE !== 'debug';
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const capture = (command, args) => execFileSync(command, args, { encoding: 'utf8' });

const profile = release ? ['--release'] : [];
run('cargo', ['rustc', ...profile, '--locked', '--target', 'wasm32-unknown-unknown', '-p', NAME, '--bin', NAME, '--', '-Clink-args=--emit-relocs']);
run('cargo', ['build', '--release', '--locked', '-p', 'wasm-split-step']);

// Every file of the app is named with a hash of what it is built from, as trunk names its own: a browser
// that kept one build's script cannot pair it with another build's wasm.
const built = join('target', 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${NAME}.wasm`);
const starter = readFileSync('start.js', 'utf8');
const hash = createHash('sha256').update(readFileSync(built)).update(starter).digest('hex').slice(0, 16);
const stem = `${NAME}-${hash}`;

const cut = join('target', 'wasm-split');
rmSync(cut, { recursive: true, force: true });
mkdirSync(cut, { recursive: true });
// The first-load module, then each chunk, then the chunks' loader.
const [main, ...rest] = capture(join('target', 'release', 'wasm-split-step'), [built, cut, stem]).trim().split('\n');
const loader = rest.pop();
const chunks = rest;

run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-dir', staging, '--out-name', stem, main]);
for (const file of [...chunks, loader]) copyFileSync(file, join(staging, basename(file)));

const modules = [`${stem}_bg.wasm`, ...chunks.map((chunk) => basename(chunk))];
if (release) {
  for (const module of modules) {
    const path = join(staging, module);
    run(join('node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', path, '-o', path]);
  }
}

// The starter, and the page's links to it, its script and its wasm, with the build's names. (Trunk
// leaves the link it was told to skip, data-trunk-skip, in the page: it names nothing, so it goes.)
const names = { './copilot-seats.js': `./${stem}.js`, './copilot-seats_bg.wasm': `./${stem}_bg.wasm`, './start.js': `./start-${hash}.js` };
/** `text` with each of `from` (quoted, as the page and the starter write them) given the build's name. */
function renamed(text, from) {
  return from.reduce((out, name) => {
    if (!out.includes(`'${name}'`) && !out.includes(`"${name}"`)) throw new Error(`build-app: ${name} is not named where expected`);
    return out.replaceAll(`'${name}'`, `'${names[name]}'`).replaceAll(`"${name}"`, `"${names[name]}"`);
  }, text);
}
writeFileSync(join(staging, `start-${hash}.js`), renamed(starter, ['./copilot-seats.js', './copilot-seats_bg.wasm']));
const page = join(staging, 'index.html');
writeFileSync(page, renamed(readFileSync(page, 'utf8'), Object.keys(names)).replace(/\s*<link data-trunk rel="rust" data-bin="copilot-seats"[^>]*\/?>/, ''));
console.log(`build-app: ${stem}_bg.wasm, its starter and ${chunks.length} chunk(s) (${chunks.map((c) => basename(c)).join(', ')})${release ? ', wasm-opt -Oz' : ''}`);
