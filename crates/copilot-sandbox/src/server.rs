//! The local HTTP server (feature `server`): axum in front of the pure handler, on 127.0.0.1 only.
//!
//! Connections are served by hyper directly (not `axum::serve`) for one reason: a dropped connection. When
//! a fault says "drop", the service returns an error and hyper closes the connection without writing a
//! byte, so a browser sees a network error, not a response.
//!
//! With `--tls` the same service is served over HTTPS with a self-signed certificate made at start, HTTP/2 or
//! HTTP/1.1 as ALPN decides: api.github.com speaks HTTP/2, and browsers speak it only over TLS. Under HTTP/2
//! a dropped request resets its stream (`RST_STREAM`, `INTERNAL_ERROR`): the browser sees a network error
//! for that request while the others on the connection go on, as they would on their own HTTP/1.1
//! connections.

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
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

use crate::control::is_control_path;
use crate::faults::{failure_response, malformed_response, BeforeHandler, Faults};
use crate::http::{parse_query, Request, Response};
use crate::options::GenerateOptions;
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
    /// Serve HTTPS (HTTP/2 or HTTP/1.1 by ALPN) with a self-signed certificate made at start.
    pub tls: bool,
}

/// How long a client may take over the TLS handshake before its connection is closed.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// What the connections share: the sandbox behind a lock (the handler is fast and synchronous), the
/// generator that decides faults, and the requests in flight per `Authorization` value.
struct Shared {
    sandbox: Mutex<Sandbox>,
    faults_rng: Mutex<Rng>,
    in_flight: Mutex<HashMap<String, u32>>,
    /// Served over TLS: the handler is told so (`X-Forwarded-Proto: https`) and its links say `https://`.
    tls: bool,
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
/// Prints `listening on http://127.0.0.1:PORT` (`https://` with `tls`) once ready.
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
    let tls = if config.tls { Some(self_signed_acceptor(system_now())?) } else { None };
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], config.port))).await?;
    let address = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    say(&format!("listening on {scheme}://{address}"));
    serve_on(listener, sandbox, config.options.seed, tls).await
}

/// The names the certificate is good for: the address the server binds, and the name browsers map to it.
pub const TLS_NAMES: [&str; 2] = ["127.0.0.1", "localhost"];

/// A TLS acceptor with a fresh self-signed certificate (ECDSA P-256) for [`TLS_NAMES`], valid from a day
/// before `now` for a year, offering HTTP/2 and HTTP/1.1 by ALPN. Nothing is written to disk.
pub fn self_signed_acceptor(now: DateTime<Utc>) -> std::io::Result<TlsAcceptor> {
    use chrono::Datelike as _;
    let day = |date: DateTime<Utc>| {
        let (month, day) = (u8::try_from(date.month()).unwrap_or(1), u8::try_from(date.day()).unwrap_or(1));
        rcgen::date_time_ymd(date.year(), month, day)
    };
    let mut params = rcgen::CertificateParams::new(TLS_NAMES.map(str::to_owned).to_vec()).map_err(other)?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, "copilot-sandbox");
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = day(now - chrono::Duration::days(1));
    params.not_after = day(now + chrono::Duration::days(365));
    let key = rcgen::KeyPair::generate().map_err(other)?;
    let certificate = params.self_signed(&key).map_err(other)?;
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(other)?
        .with_no_client_auth()
        .with_single_cert(vec![certificate.der().clone()], key.into())
        .map_err(other)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

fn other(err: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("cannot set up TLS: {err}"))
}

/// Prints a line; a closed standard output (a test that stopped reading) is not a reason to stop serving.
fn say(line: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// Serves `sandbox` over plain HTTP/1.1 on an already bound listener until the process ends.
pub async fn serve(listener: TcpListener, sandbox: Sandbox, seed: u64) -> std::io::Result<()> {
    serve_on(listener, sandbox, seed, None).await
}

/// Serves `sandbox` over TLS (HTTP/2 or HTTP/1.1, as ALPN or the client's first bytes say) on an already
/// bound listener until the process ends.
pub async fn serve_tls(listener: TcpListener, sandbox: Sandbox, seed: u64, tls: TlsAcceptor) -> std::io::Result<()> {
    serve_on(listener, sandbox, seed, Some(tls)).await
}

async fn serve_on(listener: TcpListener, sandbox: Sandbox, seed: u64, tls: Option<TlsAcceptor>) -> std::io::Result<()> {
    let shared = Arc::new(Shared {
        sandbox: Mutex::new(sandbox),
        faults_rng: Mutex::new(Rng::derive(seed, 0xFA17)),
        in_flight: Mutex::new(HashMap::new()),
        tls: tls.is_some(),
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
        // Without it, Nagle's algorithm meets the client's delayed acknowledgements and a response that ends
        // in a small write waits about 40 ms: the benchmark would measure that, not the app. GitHub's
        // servers answer at once.
        let _ = stream.set_nodelay(true);
        let connection = connection_service(&router);
        // Errors here are a client going away, a failed handshake or a dropped connection: nothing to report.
        match &tls {
            None => {
                tokio::spawn(async move {
                    let _ =
                        http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), connection).await;
                });
            }
            Some(acceptor) => {
                let handshake = acceptor.accept(stream);
                tokio::spawn(async move {
                    let Ok(Ok(stream)) = tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await else {
                        return;
                    };
                    let _ = auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(stream), connection)
                        .await;
                });
            }
        }
    }
}

/// The router as one connection's hyper service: a response marked [`DropConnection`] becomes an error, so
/// hyper closes the HTTP/1.1 connection (or resets the HTTP/2 stream) without answering.
fn connection_service(
    router: &Router,
) -> impl Service<hyper::Request<Incoming>, Response = axum::response::Response, Error = Dropped, Future: Send + 'static>
       + Send
       + 'static {
    let service = TowerToHyperService::new(router.clone());
    hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let answer = service.call(request);
        async move {
            let response = answer.await.unwrap_or_else(|never| match never {});
            if response.extensions().get::<DropConnection>().is_some() {
                Err(Dropped)
            } else {
                Ok(response)
            }
        }
    })
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

const FORWARDED_PROTO: &str = "x-forwarded-proto";

async fn entry(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let mut headers: Vec<(String, String)> = headers
        .iter()
        // Only the server says how it was reached.
        .filter(|(name, _)| *name != FORWARDED_PROTO)
        .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
        .collect();
    // HTTP/2 (only ever under TLS) has no `Host` header: its `:authority` is in the URI.
    if let Some(authority) = uri.authority().filter(|_| shared.tls && !headers.iter().any(|(name, _)| name == "host")) {
        headers.push(("host".to_owned(), authority.as_str().to_owned()));
    }
    if shared.tls {
        headers.push((FORWARDED_PROTO.to_owned(), "https".to_owned()));
    }
    let request = Request {
        method: method.as_str().to_owned(),
        path: uri.path().to_owned(),
        query: uri.query().map(parse_query).unwrap_or_default(),
        headers,
        body: (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned()),
    };
    // Control endpoints and preflights are never slowed down or faulted.
    if request.is_method("OPTIONS") || is_control_path(&request.path) {
        let response = lock(&shared.sandbox).handle(request, system_now());
        return into_axum(response);
    }

    let guard = InFlight::enter(&shared, request.header("authorization").unwrap_or_default().to_owned());
    // Counted on arrival, not when the lock is free: on a busy machine a request can wait for the lock while
    // later ones arrive, and GitHub judges concurrency by what was in flight when the request came in.
    let in_flight = guard.count();
    let faults = *lock(&shared.sandbox).state().faults();
    let (delay, before) = {
        let mut rng = lock(&shared.faults_rng);
        (faults.delay_ms(&mut rng), faults.before_handler(&mut rng))
    };
    // The latency is the time from the request's arrival to its answer, the sandbox's own work included: one
    // lock serializes that work, and on a small machine ten requests arriving together would otherwise each
    // wait for the others' rendering, which GitHub's servers do in parallel.
    let answer_at = tokio::time::Instant::now() + Duration::from_millis(delay);
    let response = match before {
        BeforeHandler::Drop => {
            tokio::time::sleep_until(answer_at).await;
            let mut response = axum::response::Response::new(Body::empty());
            response.extensions_mut().insert(DropConnection);
            return response;
        }
        BeforeHandler::Fail(status) => decorated(failure_response(status)),
        BeforeHandler::SecondaryLimit => decorated(crate::faults::secondary_limit_response(&faults)),
        BeforeHandler::Proceed => {
            let response = lock(&shared.sandbox).handle_in_flight(request, system_now(), in_flight);
            match faults.malformation(&mut lock(&shared.faults_rng)) {
                Some(how) => malformed_response(&response, how),
                None => response,
            }
        }
    };
    tokio::time::sleep_until(answer_at).await;
    drop(guard);
    into_axum(response)
}

/// A response made before the handler, with the CORS headers the handler would have added.
fn decorated(mut response: Response) -> Response {
    crate::cors::decorate(&mut response);
    response
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
