//! The local HTTP server (feature `server`): axum in front of the pure handler, on 127.0.0.1 only.
//!
//! Connections are served by hyper directly (not `axum::serve`) for one reason: a dropped connection. When
//! a fault says "drop", the service returns an error and hyper closes the connection without writing a
//! byte, so a browser sees a network error, not a response.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::Router;
use chrono::{DateTime, Utc};
use hyper::server::conn::http1;
use hyper::service::Service as _;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::control::is_control_path;
use crate::faults::{failure_response, malformed_response, BeforeHandler, Faults};
use crate::generate::GenerateOptions;
use crate::http::{parse_query, Request, Response};
use crate::rng::Rng;
use crate::Sandbox;

/// Everything the binary's flags set.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub options: GenerateOptions,
    pub faults: Faults,
    /// Where to write the tokens as a JSON object (`{"owner_classic": "ghp_…", …}`).
    pub tokens_out: Option<PathBuf>,
}

/// What the connections share: the sandbox behind a lock (the handler is fast and synchronous), the
/// generator that decides faults, and the requests in flight per `Authorization` value.
struct Shared {
    sandbox: Mutex<Sandbox>,
    faults_rng: Mutex<Rng>,
    in_flight: Mutex<HashMap<String, u32>>,
}

/// Marks a response whose connection must be closed instead.
#[derive(Debug, Clone, Copy)]
struct DropConnection;

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the sandbox's drop-rate fault")
    }
}

impl std::error::Error for Dropped {}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not take the whole server down.
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The tokens as the `--tokens-out` file holds them.
pub fn tokens_json(sandbox: &Sandbox) -> serde_json::Value {
    serde_json::Value::Object(
        sandbox.tokens().into_iter().map(|(name, value)| (name.to_owned(), serde_json::Value::from(value))).collect(),
    )
}

pub fn system_now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now())
}

/// Generates the data, prints the tokens, writes `--tokens-out`, binds 127.0.0.1 and serves forever.
/// Prints `listening on http://127.0.0.1:PORT` once ready.
pub async fn run(config: ServerConfig) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let sandbox = Sandbox::new(&config.options, system_now()).with_faults(config.faults);
    let seats: usize = sandbox.state().orgs.iter().map(|org| org.seats.len()).sum();
    say(&format!(
        "generated {} organization(s), {seats} seats ({} in acme), seed {}, in {} ms",
        sandbox.state().orgs.len(),
        config.options.seats,
        config.options.seed,
        started.elapsed().as_millis()
    ));
    for (name, value) in sandbox.tokens() {
        say(&format!("{name}: {value}"));
    }
    if let Some(path) = &config.tokens_out {
        let text = serde_json::to_string_pretty(&tokens_json(&sandbox)).unwrap_or_default();
        std::fs::write(path, text + "\n")?;
    }
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], config.port))).await?;
    let address = listener.local_addr()?;
    say(&format!("listening on http://{address}"));
    serve(listener, sandbox, config.options.seed).await
}

/// Prints a line; a closed standard output (a test that stopped reading) is not a reason to stop serving.
fn say(line: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// Serves `sandbox` on an already bound listener until the process ends.
pub async fn serve(listener: TcpListener, sandbox: Sandbox, seed: u64) -> std::io::Result<()> {
    let shared = Arc::new(Shared {
        sandbox: Mutex::new(sandbox),
        faults_rng: Mutex::new(Rng::derive(seed, 0xFA17)),
        in_flight: Mutex::new(HashMap::new()),
    });
    let router = Router::new().fallback(entry).with_state(shared);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Too many open files and the like: wait a little rather than stop serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let answer = service.call(request);
                async move {
                    let response = answer.await.unwrap_or_else(|never| match never {});
                    if response.extensions().get::<DropConnection>().is_some() {
                        Err(Dropped)
                    } else {
                        Ok(response)
                    }
                }
            });
            // Errors here are a client going away or a dropped connection: nothing to report.
            let _ = http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), connection).await;
        });
    }
}

/// Counts a request in flight for its `Authorization` value while it lives.
struct InFlight {
    shared: Arc<Shared>,
    key: String,
}

impl InFlight {
    fn enter(shared: &Arc<Shared>, key: String) -> Self {
        *lock(&shared.in_flight).entry(key.clone()).or_insert(0) += 1;
        Self { shared: Arc::clone(shared), key }
    }

    fn count(&self) -> u32 {
        lock(&self.shared.in_flight).get(&self.key).copied().unwrap_or(1)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut counts = lock(&self.shared.in_flight);
        if let Some(count) = counts.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

async fn entry(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let request = Request {
        method: method.as_str().to_owned(),
        path: uri.path().to_owned(),
        query: uri.query().map(parse_query).unwrap_or_default(),
        headers: headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .collect(),
        body: (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned()),
    };
    // Control endpoints and preflights are never slowed down or faulted.
    if request.is_method("OPTIONS") || is_control_path(&request.path) {
        let response = lock(&shared.sandbox).handle(request, system_now());
        return into_axum(response);
    }

    let guard = InFlight::enter(&shared, request.header("authorization").unwrap_or_default().to_owned());
    let faults = *lock(&shared.sandbox).state().faults();
    let (delay, before) = {
        let mut rng = lock(&shared.faults_rng);
        (faults.delay_ms(&mut rng), faults.before_handler(&mut rng))
    };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    match before {
        BeforeHandler::Drop => {
            let mut response = axum::response::Response::new(Body::empty());
            response.extensions_mut().insert(DropConnection);
            return response;
        }
        BeforeHandler::Fail(status) => {
            let mut response = failure_response(status);
            crate::cors::decorate(&mut response);
            return into_axum(response);
        }
        BeforeHandler::Proceed => {}
    }
    let in_flight = guard.count();
    let response = lock(&shared.sandbox).handle_in_flight(request, system_now(), in_flight);
    let malformation = faults.malformation(&mut lock(&shared.faults_rng));
    drop(guard);
    match malformation {
        Some(how) => into_axum(malformed_response(&response, how)),
        None => into_axum(response),
    }
}

fn into_axum(response: Response) -> axum::response::Response {
    let mut answer = axum::response::Response::new(Body::from(response.body));
    *answer.status_mut() = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            answer.headers_mut().append(name, value);
        }
    }
    answer
}
