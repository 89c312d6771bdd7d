// Precompressed copies of the built site, written beside each file: FILE.gz (gzip, level 9) and FILE.br
// (brotli, quality 11). A server that serves them (nginx's gzip_static, deploy/nginx/copilot-seats.conf;
// Caddy's `precompressed`) sends the smallest encoding the browser accepts without compressing on every
// request, and at a level no server compresses at on the fly. Hosts that compress by themselves
// (GitHub Pages, Netlify) ignore the copies.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** What compresses: text and WebAssembly. (Images other than SVG are compressed already.) */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.webmanifest', '.json', '.txt']);

/** Every file of a folder and its subfolders, as paths. */
function filesOf(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesOf(path) : [path];
  });
}

/**
 * Writes FILE.gz and FILE.br beside every compressible file of `dir`, each only when smaller than the
 * file itself (a server would otherwise send more bytes than the plain file). Returns what it wrote.
 */
export function precompress(dir) {
  const written = [];
  for (const file of filesOf(dir).filter((path) => COMPRESSIBLE.has(extname(path)))) {
    const body = readFileSync(file);
    const copies = {
      gz: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    };
    for (const [suffix, copy] of Object.entries(copies)) {
      if (copy.length >= body.length) continue;
      writeFileSync(`${file}.${suffix}`, copy);
      written.push({ file: `${file}.${suffix}`, from: body.length, to: copy.length });
    }
  }
  return written;
}
