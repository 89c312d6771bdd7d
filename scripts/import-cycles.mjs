// Import circles between the files of a Rust crate: which file refers to which, and the circles of two or
// more files that those references make. Checked by tests/build/import-cycles.test.mjs on every crate of
// the workspace (crates/*/src and src/); `node scripts/import-cycles.mjs [DIR…]` prints the circles.
//
// What counts, precisely:
// - Files: those reached from the crate's roots (src/lib.rs, src/main.rs) through `mod name;`
//   declarations, at name.rs or name/mod.rs beside a lib.rs, main.rs or mod.rs, and below name/ for a
//   name.rs module. Inline `mod name { … }` blocks (tests) belong to their file and nest module paths.
// - References: every path in a `use` declaration (`pub use` re-exports included, `{…}` groups expanded)
//   and every path in code, that starts with `crate::`, `super::`, `self::` or the name of a child module
//   of the module it stands in (`auth::authorize(…)` in the module that declares `mod auth;`).
//   Comments, strings, character literals and `$crate` (macros) are not read. Names imported by `use` are
//   not followed any further: `use crate::plan; plan::write::x` is one reference, to plan.
// - Where a reference goes: its segments are followed through the module tree as far as they name
//   modules; the file of the last module named is the target. So `crate::a::b::Item` goes to a/b.rs (or
//   a/b/mod.rs), and an item that a folder's mod.rs re-exports (`crate::a::Item`) goes to a/mod.rs, whose
//   `pub use b::Item` is in turn a reference of a/mod.rs to a/b.rs.
// - Tests apart: a module under `#[cfg(test)]` (an inline `mod tests`, or a file such as test_support.rs
//   declared `#[cfg(test)] mod test_support;`) and all below it are the test part of their file, a node of
//   its own ("file (tests)"). The code never reaches the tests (it is not built with them), so a test
//   module using a shared fixture that uses the code under test is no circle. Only modules: a single
//   `#[cfg(test)]` item or `use` stays code. `crateEdges(dir, { tests:
//   'together' })`, or `--tests-together` on the command line, reads each file as one node instead.
// - Not edges: a file's references to itself, and to the files of the modules that contain it (its
//   parent mod.rs, that one's parent, up to lib.rs or main.rs). A module's parts commonly take shared
//   items from their parent through `super::`, and the parent declares and re-exports its parts: that is
//   the shape of a folder, not a circle.
// - A circle: a strongly connected set of two or more nodes in what is left. Each is reported as one
//   path through its files, every step with the line that makes it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The source with comments, strings and character literals blanked (newlines kept, so lines still count). */
export function blankNonCode(source) {
  const out = source.split('');
  const blank = (from, to) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i, i + 2);
    if (rest === '//') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (rest === '/*') {
      let depth = 0;
      let j = i;
      do {
        if (source.startsWith('/*', j)) { depth++; j += 2; } else if (source.startsWith('*/', j)) { depth--; j += 2; } else j++;
      } while (depth > 0 && j < source.length);
      blank(i, j);
      i = j;
    } else if (/^b?r#*"/.test(source.slice(i, i + 40)) && !/\w/.test(source[i - 1] ?? '')) {
      const [prefix] = source.slice(i).match(/^b?r(#*)"/);
      const hashes = prefix.length - prefix.indexOf('r') - 2;
      const close = '"' + '#'.repeat(hashes);
      const end = source.indexOf(close, i + prefix.length);
      const stop = end === -1 ? source.length : end + close.length;
      blank(i, stop);
      i = stop;
    } else if (source[i] === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else if (source[i] === "'") {
      // A character literal ('a', '\n', '\u{1F600}'), not a lifetime ('a without a closing quote).
      const literal = source.slice(i).match(/^'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'/u);
      if (literal) {
        blank(i, i + literal[0].length);
        i += literal[0].length;
      } else i++;
    } else i++;
  }
  return out.join('');
}

/** The paths of a use tree (`crate::a::{b, c::{d, e}}` → crate::a::b, crate::a::c::d, crate::a::c::e). */
export function expandUseTree(tree) {
  const text = tree.replace(/\s+as\s+[A-Za-z_]\w*/g, '').replace(/\s+/g, '');
  const paths = [];
  const walk = (prefix, part) => {
    let depth = 0;
    let start = 0;
    const items = [];
    for (let i = 0; i <= part.length; i++) {
      const c = part[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if ((c === ',' && depth === 0) || i === part.length) {
        items.push(part.slice(start, i));
        start = i + 1;
      }
    }
    for (const item of items.filter(Boolean)) {
      const brace = item.indexOf('{');
      if (brace === -1) paths.push([...prefix, ...item.split('::').filter(Boolean)]);
      else walk([...prefix, ...item.slice(0, brace).split('::').filter(Boolean)], item.slice(brace + 1, item.lastIndexOf('}')));
    }
  };
  walk([], text);
  return paths;
}

function lineAt(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === '\n') line++;
  return line;
}

/** The module tree of a crate, from its roots, with each file's code blanked of non-code. */
function moduleTree(srcDir, read) {
  const files = new Map(); // file → { code, modules: [{ node, start, end }] }
  const roots = [];
  const load = (file, node) => {
    node.file = file;
    const code = blankNonCode(read(file));
    const entry = { code, modules: [{ node, start: 0, end: code.length }] };
    files.set(file, entry);
    // Inline modules: `mod name {` up to its matching brace.
    for (const match of code.matchAll(/\bmod\s+([A-Za-z_]\w*)\s*\{/g)) {
      const open = match.index + match[0].length - 1;
      let depth = 0;
      let close = open;
      for (; close < code.length; close++) {
        if (code[close] === '{') depth++;
        else if (code[close] === '}' && --depth === 0) break;
      }
      const parent = innermost(entry, match.index);
      const test = parent.test || underCfgTest(code, match.index);
      const child = { name: match[1], parent, file, test, dir: join(parent.dir, match[1]), children: new Map() };
      parent.children.set(match[1], child);
      entry.modules.push({ node: child, start: open, end: close });
    }
    for (const match of code.matchAll(/\bmod\s+([A-Za-z_]\w*)\s*;/g)) {
      const parent = innermost(entry, match.index);
      const name = match[1];
      const candidates = [join(parent.dir, `${name}.rs`), join(parent.dir, name, 'mod.rs')];
      const childFile = candidates.find((candidate) => existsSync(candidate));
      if (!childFile) continue;
      const dir = childFile.endsWith('mod.rs') ? dirname(childFile) : join(parent.dir, name);
      const child = { name, parent, dir, test: parent.test || underCfgTest(code, match.index), children: new Map() };
      parent.children.set(name, child);
      load(childFile, child);
    }
  };
  for (const rootName of ['lib.rs', 'main.rs']) {
    const file = join(srcDir, rootName);
    if (!existsSync(file)) continue;
    const root = { name: 'crate', parent: null, dir: srcDir, test: false, children: new Map() };
    roots.push(root);
    load(file, root);
  }
  return { files, roots };
}

/** Whether the `mod` at `index` has `#[cfg(test)]` among the attributes (and visibility) before it. */
function underCfgTest(code, index) {
  const before = code.slice(Math.max(0, index - 300), index);
  const attributes = before.match(/((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?$/);
  return /#\[cfg\(test\)\]/.test(attributes?.[1] ?? '');
}

function innermost(entry, index) {
  let found = entry.modules[0];
  for (const module of entry.modules) {
    if (module.start <= index && index < module.end && module.end - module.start <= found.end - found.start) found = module;
  }
  return found.node;
}

function rootOf(node) {
  while (node.parent) node = node.parent;
  return node;
}

/** The module a path ends in, following its segments from `from` as far as they name modules. */
function resolve(segments, from) {
  let node;
  let rest;
  if (segments[0] === 'crate') [node, rest] = [rootOf(from), segments.slice(1)];
  else if (segments[0] === 'self') [node, rest] = [from, segments.slice(1)];
  else if (segments[0] === 'super') {
    node = from;
    rest = segments;
    while (rest[0] === 'super') {
      node = node.parent;
      rest = rest.slice(1);
      if (!node) return null;
    }
  } else if (from.children.has(segments[0])) [node, rest] = [from.children.get(segments[0]), segments.slice(1)];
  else return null;
  for (const segment of rest) {
    const child = node.children.get(segment);
    if (!child) break;
    node = child;
  }
  return node;
}

/** The node a module's code belongs to: its file, or its file's test part (`file (tests)`). */
const TESTS = ' (tests)';

/**
 * File-to-file references of one crate: Map from node (a file, or `file (tests)`) to Map of target node to
 * the first line that refers. `tests: 'together'` reads each file as one node, its tests included.
 */
export function crateEdges(srcDir, { tests = 'apart', read = (file) => readFileSync(file, 'utf8') } = {}) {
  const { files } = moduleTree(srcDir, read);
  const nodeOf = (module) => module.file + (tests === 'apart' && module.test ? TESTS : '');
  const edges = new Map();
  const targetsOf = (node) => edges.get(node) ?? edges.set(node, new Map()).get(node);
  for (const [file, entry] of files) {
    const fileModule = entry.modules[0].node;
    const containers = new Set();
    for (let node = fileModule.parent; node; node = node.parent) containers.add(node.file);
    targetsOf(nodeOf(fileModule));
    const add = (segments, index, from) => {
      const module = resolve(segments, from);
      if (!module || module.file === file || containers.has(module.file)) return;
      const targets = targetsOf(nodeOf(from));
      const target = nodeOf(module);
      if (!targets.has(target)) targets.set(target, lineAt(entry.code, index));
    };
    let code = entry.code;
    for (const match of code.matchAll(/\buse\s+([^;]+);/g)) {
      const from = innermost(entry, match.index);
      for (const path of expandUseTree(match[1].replace(/^::/, ''))) add(path, match.index, from);
    }
    code = code.replace(/\buse\s+[^;]+;/g, (statement) => statement.replace(/[^\n]/g, ' '));
    for (const match of code.matchAll(/(?<![\w$:])([A-Za-z_]\w*)((?:::[A-Za-z_]\w*)+)/g)) {
      const from = innermost(entry, match.index);
      const segments = [match[1], ...match[2].split('::').filter(Boolean)];
      if (['crate', 'self', 'super'].includes(segments[0]) || from.children.has(segments[0])) add(segments, match.index, from);
    }
  }
  return edges;
}

/** The circles of a graph: each strongly connected set of two or more files, as one path through them. */
export function cycles(edges) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file)?.keys() ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const file of [...edges.keys()].sort()) if (!index.has(file)) connect(file);
  return components.map((component) => circleThrough(component, edges));
}

/** One closed path from the first file of a strongly connected set back to it, each step with its line. */
function circleThrough(component, edges) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    for (const target of edges.get(file)?.keys() ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [file];
        for (let at = previous.get(file); at; at = previous.get(at)) path.unshift(at);
        return [...path, start].map((step, i, all) => ({ file: step, line: i + 1 < all.length ? edges.get(step).get(all[i + 1]) : null }));
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return component.map((file) => ({ file, line: null }));
}

/** A circle as a sentence: `a.rs:3 → b.rs:7 → a.rs`, paths relative to `base`. */
export function describe(circle, base = process.cwd()) {
  const name = (node) => (node.endsWith(TESTS) ? relative(base, node.slice(0, -TESTS.length)) + TESTS : relative(base, node));
  return circle.map(({ file, line }) => `${name(file)}${line ? `:${line}` : ''}`).join(' → ');
}

/** The source folders of the workspace's crates: crates/*\/src and src/. */
export function workspaceCrates(repo) {
  const crates = join(repo, 'crates');
  const dirs = existsSync(crates) ? readdirSync(crates).sort().map((name) => join(crates, name, 'src')) : [];
  return [...dirs, join(repo, 'src')].filter((dir) => existsSync(dir));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const tests = args.includes('--tests-together') ? 'together' : 'apart';
  const named = args.filter((arg) => !arg.startsWith('--'));
  const dirs = named.length ? named : workspaceCrates(repo);
  const found = dirs.flatMap((dir) => cycles(crateEdges(dir, { tests })));
  for (const circle of found) console.log(describe(circle, repo));
  console.log(found.length ? `${found.length} import circle(s)` : 'no import circle');
  process.exitCode = found.length ? 1 : 0;
}
