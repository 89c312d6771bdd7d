// The built site carries FILE.gz and FILE.br beside each compressible file (scripts/precompress.mjs, from
// the post-build hook), for servers that send precompressed files (deploy/nginx: gzip_static). Each copy
// must be the file itself, compressed, and smaller; tests/e2e/nginx.spec.js checks that nginx sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { COMPRESSIBLE, precompress } from '../../scripts/precompress.mjs';

const PUBLISHED = process.env.PUBLISHED_DIST ?? 'target/published';
const SANDBOX = process.env.SANDBOX_DIST ?? 'dist';

for (const dist of [PUBLISHED, SANDBOX]) {
  test(`in ${dist}/ every page, script, style, WebAssembly module and manifest has a .gz and a .br copy of itself`, () => {
    const names = readdirSync(dist);
    const originals = names.filter((name) => COMPRESSIBLE.has(extname(name)));
    for (const kind of ['.html', '.js', '.wasm', '.css', '.webmanifest']) {
      assert.ok(originals.some((name) => name.endsWith(kind)), `${dist}/ has a ${kind}`);
    }
    const decompress = { gz: gunzipSync, br: brotliDecompressSync };
    for (const name of originals) {
      const body = readFileSync(join(dist, name));
      for (const [suffix, inflate] of Object.entries(decompress)) {
        const copy = `${name}.${suffix}`;
        // A file of a few bytes may not shrink, and then has no copy; anything of a kilobyte does.
        if (!names.includes(copy)) {
          assert.ok(body.length < 1024, `${dist}/${copy} is missing`);
          continue;
        }
        const packed = readFileSync(join(dist, copy));
        assert.ok(inflate(packed).equals(body), `${copy} is ${name}`);
        assert.ok(packed.length < body.length, `${copy} is smaller than ${name}`);
      }
    }
    // The page's policy was finished before it was compressed: the copy holds the hashes, no placeholder.
    assert.doesNotMatch(gunzipSync(readFileSync(join(dist, 'index.html.gz'))).toString(), /'inline-script-hashes'|'api-origins'/);
  });
}

test('precompress writes smaller copies beside compressible files, in subfolders too, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  try {
    const text = 'Copilot seats '.repeat(500);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'app.wasm'), text);
    writeFileSync(join(dir, 'sub', 'style.css'), text);
    writeFileSync(join(dir, 'tiny.txt'), 'a');
    writeFileSync(join(dir, 'photo.png'), text);
    const written = precompress(dir).map(({ file }) => file.slice(dir.length + 1)).sort();
    assert.deepEqual(written, ['app.wasm.br', 'app.wasm.gz', 'sub/style.css.br', 'sub/style.css.gz']);
    assert.equal(gunzipSync(readFileSync(join(dir, 'app.wasm.gz'))).toString(), text);
    assert.equal(brotliDecompressSync(readFileSync(join(dir, 'sub', 'style.css.br'))).toString(), text);
    assert.deepEqual(readdirSync(dir).sort(), ['app.wasm', 'app.wasm.br', 'app.wasm.gz', 'photo.png', 'sub', 'tiny.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
