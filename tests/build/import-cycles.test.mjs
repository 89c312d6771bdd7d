// No import circle between the files of any crate of the workspace (crates/*/src and src/), as
// scripts/import-cycles.mjs defines one in its header; and, on small made-up crates, proof that the check
// finds a circle where there is one and none where a folder's parts only reach their parent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blankNonCode, crateEdges, cycles, describe, expandUseTree, workspaceCrates } from '../../scripts/import-cycles.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A crate made of `files` (path under src/ → source), given to `check` and removed afterwards. */
function withCrate(files, check) {
  const root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  try {
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
      writeFileSync(join(root, 'src', path), source);
    }
    return check(join(root, 'src'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const circlesIn = (files) => withCrate(files, (src) => cycles(crateEdges(src)).map((circle) => describe(circle, src)));

test('two files that use each other are a circle, named with the lines that make it', () => {
  const found = circlesIn({
    'lib.rs': 'mod state;\nmod generate;\n',
    'state.rs': 'use crate::generate::Options;\npub struct State;\n',
    'generate.rs': '\n\npub fn build() -> crate::state::State { crate::state::State }\npub struct Options;\n',
  });
  assert.deepEqual(found, ['generate.rs:3 → state.rs:1 → generate.rs']);
});

test('a circle through three files, by use groups, super paths and a child module named in code', () => {
  const found = circlesIn({
    'lib.rs': 'mod ops;\n',
    'ops/mod.rs': 'mod reads;\nmod paging;\nmod writes;\n',
    'ops/reads.rs': 'use super::{paging::{page, Range}, writes as w};\n',
    'ops/paging.rs': 'pub fn page() { super::writes::json() }\npub struct Range;\n',
    'ops/writes.rs': 'pub fn json() {}\nfn again() { super::reads::nothing(); }\n',
  });
  assert.deepEqual(found, ['ops/paging.rs:1 → ops/writes.rs:2 → ops/reads.rs:1 → ops/paging.rs']);
});

test('no circle in a tree whose references go one way', () => {
  assert.deepEqual(circlesIn({
    'lib.rs': 'mod a;\nmod b;\nmod c;\n',
    'a.rs': 'use crate::b::B;\nuse crate::c::{self, C};\n',
    'b.rs': 'pub struct B(crate::c::C);\n',
    'c.rs': 'pub struct C;\n',
  }), []);
});

test("a folder's parts taking items from their parent mod.rs, which re-exports them, are no circle", () => {
  const files = {
    'lib.rs': 'mod grid;\npub use grid::View;\n',
    'grid/mod.rs': 'mod state;\nmod view;\npub use state::State;\npub use view::View;\npub(crate) const WIDTH: u32 = 3;\n',
    'grid/state.rs': 'use super::WIDTH;\npub struct State;\n',
    'grid/view.rs': 'use super::State;\nuse crate::grid::WIDTH;\npub struct View;\n',
  };
  assert.deepEqual(circlesIn(files), []);
  // A re-exported item resolves to the mod.rs that re-exports it: view.rs refers to grid/mod.rs only.
  withCrate(files, (src) => {
    const edges = crateEdges(src);
    assert.deepEqual([...edges.get(join(src, 'grid/mod.rs')).keys()], [join(src, 'grid/state.rs'), join(src, 'grid/view.rs')]);
    assert.deepEqual([...edges.get(join(src, 'grid/view.rs')).keys()], []);
  });
});

test('a path to an item of a folder module named past its mod.rs goes to the file that holds it', () => {
  withCrate({
    'lib.rs': 'mod plan;\nmod client;\n',
    'plan/mod.rs': 'pub mod write;\n',
    'plan/write.rs': 'pub struct Step;\n',
    'client.rs': 'fn go(step: crate::plan::write::Step) {}\n',
  }, (src) => {
    assert.deepEqual([...crateEdges(src).get(join(src, 'client.rs')).keys()], [join(src, 'plan/write.rs')]);
  });
});

test('comments, strings, $crate in macros and inline test modules reaching their own file make no edge', () => {
  assert.deepEqual(circlesIn({
    'lib.rs': 'mod a;\nmod b;\n',
    'a.rs': 'use crate::b::B;\npub struct A;\n',
    'b.rs': [
      '// use crate::a::A;',
      '/* crate::a::A */',
      'const TEXT: &str = "crate::a::A";',
      'const RAW: &str = r#"use crate::a::A;"#;',
      "const QUOTE: char = '\"'; const C: &str = \"crate::a::A\";",
      'macro_rules! m { () => { $crate::a::A } }',
      'pub struct B;',
      '#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::B as Same;\n}',
    ].join('\n'),
  }), []);
  assert.equal(blankNonCode('let x = "a\nb"; // c').split('\n').length, 2);
});

test('tests are apart: a shared fixture that uses the code under test is no circle, unless read together', () => {
  const files = {
    'lib.rs': 'mod grid;\n',
    'grid/mod.rs': 'mod index;\n#[cfg(test)]\nmod test_support;\n',
    'grid/index.rs': 'pub struct Index;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::grid::test_support::fixture;\n}\n',
    'grid/test_support.rs': 'use super::index::Index;\npub fn fixture() -> Index { Index }\n',
  };
  assert.deepEqual(circlesIn(files), []);
  const together = withCrate(files, (src) => cycles(crateEdges(src, { tests: 'together' })).map((circle) => describe(circle, src)));
  assert.deepEqual(together, ['grid/index.rs:5 → grid/test_support.rs:1 → grid/index.rs']);
  // The test parts are nodes of their own, and a circle among them is still one.
  const testCircle = circlesIn({
    'lib.rs': 'mod a;\nmod b;\n#[cfg(test)]\npub(crate) mod fixtures;\n',
    'a.rs': '#[cfg(test)]\nmod tests {\n    use crate::fixtures::make;\n    pub fn helper() {}\n}\n',
    'b.rs': '',
    'fixtures.rs': 'pub fn make() { crate::a::tests::helper() }\n',
  });
  assert.deepEqual(testCircle, ['a.rs (tests):3 → fixtures.rs (tests):1 → a.rs (tests)']);
});

test('use trees expand to every path they name', () => {
  assert.deepEqual(expandUseTree('crate::a::{b, c::{d, e as f}, self}'), [
    ['crate', 'a', 'b'], ['crate', 'a', 'c', 'd'], ['crate', 'a', 'c', 'e'], ['crate', 'a', 'self'],
  ]);
});

test('no crate of the workspace has an import circle between its files', () => {
  const crates = workspaceCrates(REPO);
  assert.ok(crates.length >= 2, `the crates were found: ${crates.join(', ')}`);
  const found = crates.flatMap((src) => cycles(crateEdges(src)).map((circle) => describe(circle, REPO)));
  assert.deepEqual(found, [], `import circles (file:line → file …):\n${found.join('\n')}`);
});
