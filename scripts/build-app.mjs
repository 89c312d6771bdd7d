// Builds the page's WebAssembly, cut into a first-load module and chunks fetched when first needed, into
// trunk's staging folder (called by post-build.mjs, trunk's post-build hook).
//
// Trunk builds the demo's worker, the styles and the page, but it cannot cut a wasm file: the cut must
// be made on cargo's output, before wasm-bindgen (trunk-rs/trunk#1022). So the page's own wasm is built
// here, in the steps `cargo leptos --split` takes:
// 1. cargo, linking with `--emit-relocs`, which the splitter needs (through `cargo rustc`, so the flag
//    reaches only the page's own link: the demo's worker and every dependency build as before);
// 2. crates/wasm-split-step, which moves what only a `wasm_split` function reaches (src/parts.rs) into
//    that function's chunk, and writes NAME-chunks.js, the chunks' loader;
// 3. wasm-bindgen on the first-load module, keeping the exports the chunks import from it;
// 4. wasm-opt -Oz on every module (release builds), the binaryen of package.json, as trunk did;
// 5. every file named with a hash of them all, and the page's links given those names.
// The page starts through start.js (written here with the build's names), not trunk's inline loader.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Every file is built under a placeholder name, then named with a hash of all the finished files, as
// trunk names its own: a browser that kept one build's script cannot pair it with another build's wasm,
// whatever changed between them (the code, a tool, a flag). The placeholder has the hash's length, so
// putting the hash in its place inside the wasm (which names the chunks' loader) moves no byte.
const PLACEHOLDER = `${NAME}-${'_'.repeat(16)}`;
const work = join('target', 'app-build');
const cut = join(work, 'cut');
const finished = join(work, 'finished');
rmSync(work, { recursive: true, force: true });
mkdirSync(cut, { recursive: true });
mkdirSync(finished, { recursive: true });

// The splitter prints the first-load module, then each chunk, then the chunks' loader.
const written = capture(join('target', 'release', 'wasm-split-step'), [built, cut, PLACEHOLDER]).trim().split('\n');
for (const file of written) if (!existsSync(file)) throw new Error(`build-app: the splitter named ${file}, which it did not write`);
const [main, ...rest] = written;
const loader = rest.pop();
const chunks = rest;

run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-dir', finished, '--out-name', PLACEHOLDER, main]);
for (const file of [...chunks, loader]) copyFileSync(file, join(finished, basename(file)));
if (release) {
  for (const module of [`${PLACEHOLDER}_bg.wasm`, ...chunks.map((chunk) => basename(chunk))]) {
    const path = join(finished, module);
    // WASM_NAMES=1 keeps the functions' names, for a profile that names them (never for a published site:
    // they are about a third of the bytes again).
    const names = process.env.WASM_NAMES === '1' ? ['-g'] : ['--strip-debug'];
    run(join('node_modules', '.bin', 'wasm-opt'), ['-Oz', ...names, '--strip-producers', path, '-o', path]);
  }
}

// The page's links to its starter, script and wasm, and the starter's own, by their built names.
const builtNames = {
  './start.js': `./${PLACEHOLDER}-start.js`,
  './copilot-seats.js': `./${PLACEHOLDER}.js`,
  './copilot-seats_bg.wasm': `./${PLACEHOLDER}_bg.wasm`,
};
/** `text` with each of `names` (quoted, as the page and the starter write them) given its built name. */
function renamed(text, names) {
  return names.reduce((out, name) => {
    if (!out.includes(`'${name}'`) && !out.includes(`"${name}"`)) throw new Error(`build-app: ${name} is not named where expected`);
    return out.replaceAll(`'${name}'`, `'${builtNames[name]}'`).replaceAll(`"${name}"`, `"${builtNames[name]}"`);
  }, text);
}
writeFileSync(join(finished, `${PLACEHOLDER}-start.js`), renamed(readFileSync('start.js', 'utf8'), ['./copilot-seats.js', './copilot-seats_bg.wasm']));

const files = readdirSync(finished).sort();
const digest = createHash('sha256');
for (const file of files) digest.update(file).update(readFileSync(join(finished, file)));
const stem = `${NAME}-${digest.digest('hex').slice(0, 16)}`;
const placeholderBytes = Buffer.from(PLACEHOLDER);
const stemBytes = Buffer.from(stem);
for (const file of files) {
  let body = readFileSync(join(finished, file));
  for (let at = body.indexOf(placeholderBytes); at !== -1; at = body.indexOf(placeholderBytes, at + stemBytes.length)) {
    stemBytes.copy(body, at);
  }
  writeFileSync(join(staging, file.replace(PLACEHOLDER, stem)), body);
}

// Trunk leaves the link it was told to skip (data-trunk-skip) in the page: it names nothing, so it goes.
const page = join(staging, 'index.html');
const skipped = /\s*<link data-trunk rel="rust"[^>]*data-trunk-skip[^>]*>/;
const html = renamed(readFileSync(page, 'utf8'), Object.keys(builtNames));
if (!skipped.test(html)) throw new Error('build-app: the page has no skipped rust link, so trunk built the app a second time');
writeFileSync(page, html.replace(skipped, '').replaceAll(PLACEHOLDER, stem));
console.log(`build-app: ${stem}_bg.wasm, its starter and ${chunks.length} chunk(s) (${chunks.map((c) => basename(c).replace(PLACEHOLDER, stem)).join(', ')})${release ? ', wasm-opt -Oz' : ''}`);
