//! `copilot-sandbox`: GitHub's Copilot seat endpoints on 127.0.0.1, with realistic data and faults on
//! demand. See the crate's README for the flags, the tokens and the control endpoints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use copilot_sandbox::server::{run, ServerConfig};
use copilot_sandbox::{Faults, GenerateOptions, DEFAULT_PRIMARY_LIMIT};

/// A local, stateful emulation of GitHub's Copilot seat REST endpoints.
#[derive(Debug, Parser)]
#[command(name = "copilot-sandbox", version)]
struct Flags {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Seats in the organization `acme` (exactly); the other organizations get a quarter as many each.
    #[arg(long, default_value_t = 250)]
    seats: usize,
    /// Organizations: `acme`, then `acme-2` … `acme-K`.
    #[arg(long, default_value_t = 1)]
    orgs: usize,
    /// Teams in `acme` (60 % selected for Copilot); the other organizations get at most 4.
    #[arg(long, default_value_t = 8)]
    teams: usize,
    /// Seed of the generated data (and of the faults).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Added to every API request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Up to this many more milliseconds, drawn for each request.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Fraction of API requests answered 500 or 502.
    #[arg(long, default_value_t = 0.0)]
    fail_rate: f64,
    /// Fraction of API requests whose connection is closed with no response.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Fraction of API answers sent as a 200 with truncated JSON or an HTML page.
    #[arg(long, default_value_t = 0.0)]
    malformed_rate: f64,
    /// Fraction of API requests refused with the secondary rate limit (403, `Retry-After: 1`).
    #[arg(long, default_value_t = 0.0)]
    secondary_rate: f64,
    /// The status of every rate-limit refusal: 403 or 429 (GitHub answers either).
    #[arg(long, default_value_t = 403)]
    limit_status: u16,
    /// Secondary-limit refusals without `Retry-After` (a client must then wait a minute, and longer).
    #[arg(long)]
    no_retry_after: bool,
    /// Primary rate limit: requests per token and hour.
    #[arg(long, default_value_t = DEFAULT_PRIMARY_LIMIT)]
    rate_limit: u32,
    /// Write the tokens to this file as a JSON object (`{"owner_classic": "ghp_…", …}`).
    #[arg(long)]
    tokens_out: Option<PathBuf>,
    /// Serve HTTPS, HTTP/2 or HTTP/1.1 by ALPN (like api.github.com), with a self-signed certificate for
    /// 127.0.0.1 and localhost made at each start.
    #[arg(long)]
    tls: bool,
}

fn main() -> ExitCode {
    let flags = Flags::parse();
    let faults = Faults {
        fail_rate: flags.fail_rate,
        drop_rate: flags.drop_rate,
        malformed_rate: flags.malformed_rate,
        latency_ms: flags.latency_ms,
        jitter_ms: flags.jitter_ms,
        secondary_rate: flags.secondary_rate,
        limit_status: flags.limit_status,
        secondary_retry_after: !flags.no_retry_after,
    };
    let faults = match faults.validated() {
        Ok(faults) => faults,
        Err(problem) => {
            eprintln!("copilot-sandbox: {problem}");
            return ExitCode::from(2);
        }
    };
    let config = ServerConfig {
        port: flags.port,
        options: GenerateOptions {
            seats: flags.seats,
            orgs: flags.orgs,
            teams: flags.teams,
            seed: flags.seed,
            rate_limit: flags.rate_limit,
        },
        faults,
        tokens_out: flags.tokens_out,
        tls: flags.tls,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("copilot-sandbox: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("copilot-sandbox: {err}");
            ExitCode::FAILURE
        }
    }
}
