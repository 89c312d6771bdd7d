//! `wasm-split-step INPUT.wasm OUT_DIR NAME`: splits the page's WebAssembly at its `#[lazy]` functions.
//!
//! Writes `OUT_DIR/NAME_split.wasm` (the first-load module, for wasm-bindgen), one `.wasm` file per chunk,
//! and `OUT_DIR/__wasm_split.js`, which the main module imports to fetch a chunk the first time one of its
//! functions is called. Prints each file it wrote, so the build log says what the page is cut into.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, name] = args.as_slice() else {
        eprintln!("usage: wasm-split-step INPUT.wasm OUT_DIR NAME");
        return ExitCode::from(2);
    };
    match split(input, out_dir, name) {
        Ok(written) => {
            for file in written {
                println!("{}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wasm-split-step: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &str, out_dir: &str, name: &str) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let out_dir = PathBuf::from(out_dir);
    std::fs::create_dir_all(&out_dir)?;
    let main_out = out_dir.join(format!("{name}_split.wasm"));
    // The chunks import the main module's JavaScript (wasm-bindgen's, named NAME.js) to share its memory,
    // table and imports.
    let main_module = format!("./{name}.js");
    let result = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&wasm);
        options.output_dir = &out_dir;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options
    })
    .map_err(|e| format!("{e:#}"))?;
    let mut written = vec![main_out];
    written.extend(result.split_modules);
    Ok(written)
}
