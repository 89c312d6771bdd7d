//! `wasm-split-step INPUT.wasm OUT_DIR NAME`: splits the page's WebAssembly at its `wasm_split` functions.
//!
//! Writes `OUT_DIR/NAME_split.wasm` (the first-load module, for wasm-bindgen, whose JavaScript will be
//! `NAME.js`), one `NAME-split_CHUNK.wasm` per chunk, and `NAME-chunks.js`, which the main module imports
//! to fetch a chunk the first time one of its functions is called. Every name starts with NAME, so a
//! NAME that carries the build's hash makes every file's name change with its content (no browser cache
//! can pair one build's script with another's wasm). Prints the first-load module, then each chunk.

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
    let link_file = format!("{name}-chunks.js");
    let link_name = format!("./{link_file}");
    let result = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&wasm);
        options.output_dir = &out_dir;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| format!("{e:#}"))?;
    // The splitter names each chunk by its module alone: prefixed here, and in the loader that fetches it.
    let link_path = out_dir.join(&link_file);
    let mut loader =
        std::fs::read_to_string(&link_path).map_err(|e| format!("cannot read {}: {e}", link_path.display()))?;
    let mut written = vec![main_out];
    for chunk in result.split_modules {
        let file = chunk.file_name().and_then(|f| f.to_str()).ok_or("a chunk without a file name")?.to_owned();
        let renamed = out_dir.join(format!("{name}-{file}"));
        std::fs::rename(&chunk, &renamed)?;
        let quoted = format!("\"./{file}\"");
        if !loader.contains(&quoted) {
            return Err(format!("the chunks' loader does not name {file}").into());
        }
        loader = loader.replace(&quoted, &format!("\"./{name}-{file}\""));
        written.push(renamed);
    }
    std::fs::write(&link_path, loader)?;
    written.push(link_path);
    Ok(written)
}
