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
// The page starts through start.js (copied by trunk), not trunk's inline loader.
import { execFileSync } from 'node:child_process';
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

const built = join('target', 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${NAME}.wasm`);
const cut = join('target', 'wasm-split');
rmSync(cut, { recursive: true, force: true });
mkdirSync(cut, { recursive: true });
const written = capture(join('target', 'release', 'wasm-split-step'), [built, cut, NAME]).trim().split('\n');
const [main, ...chunks] = written;

run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-dir', staging, '--out-name', NAME, main]);
for (const chunk of chunks) copyFileSync(chunk, join(staging, basename(chunk)));
copyFileSync(join(cut, '__wasm_split.js'), join(staging, '__wasm_split.js'));

const modules = [`${NAME}_bg.wasm`, ...chunks.map((chunk) => basename(chunk))];
if (release) {
  for (const module of modules) {
    const path = join(staging, module);
    run(join('node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', path, '-o', path]);
  }
}
console.log(`build-app: ${NAME}_bg.wasm and ${chunks.length} chunk(s) (${chunks.map((c) => basename(c)).join(', ')})${release ? ', wasm-opt -Oz' : ''}`);

// Trunk leaves the link it was told to skip (data-trunk-skip) in the page: it names nothing, so it goes.
const page = join(staging, 'index.html');
writeFileSync(page, readFileSync(page, 'utf8').replace(/\s*<link data-trunk rel="rust" data-bin="copilot-seats"[^>]*\/?>/, ''));
