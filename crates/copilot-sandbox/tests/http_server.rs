//! The real binary on a free port, driven over real HTTP: tokens, CORS, caching, pagination, faults,
//! latency, limits and the control endpoints; and with `--tls`, over HTTPS with HTTP/2.

#![cfg(feature = "server")]

mod support;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use copilot_api::{ApiError, Operation, Token};
use copilot_sandbox::{
    browser_would_allow, Response, MEMBER_CLASSIC, MEMBER_LOGIN, OWNER_CLASSIC, SSO_UNAUTHORIZED_CLASSIC,
};
use serde_json::{json, Value};
use support::assert_conforms;

/// A running `copilot-sandbox`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    printed: Vec<String>,
    tokens_out: PathBuf,
    /// Kept open so the server can keep printing.
    stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.tokens_out);
    }
}

fn start(name: &str, flags: &[&str]) -> Server {
    let tokens_out = std::env::temp_dir().join(format!("copilot-sandbox-{}-{name}.json", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_copilot-sandbox"))
        .args(["--port", "0", "--tokens-out"])
        .arg(&tokens_out)
        .args(flags)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    // From here on the server is killed and waited for on every path, a failed assertion included.
    let mut server = Server { child, base: String::new(), printed: Vec::new(), tokens_out, stdout };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut line = String::new();
        let read = server.stdout.read_line(&mut line).expect("read the server's output");
        assert!(read > 0 && Instant::now() < deadline, "the server stopped before listening: {:?}", server.printed);
        let line = line.trim_end().to_owned();
        if let Some(base) = line.strip_prefix("listening on ") {
            let scheme = if flags.contains(&"--tls") { "https" } else { "http" };
            assert!(base.starts_with(&format!("{scheme}://127.0.0.1:")), "{base}");
            server.base = base.to_owned();
            return server;
        }
        server.printed.push(line);
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// Sends a request; `Err` when no HTTP response came back at all.
fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Response, String> {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let result = match body {
        Some(body) => agent
            .run(builder.header("Content-Type", "application/json").body(body.to_owned()).map_err(|e| e.to_string())?),
        None => agent.run(builder.body(()).map_err(|e| e.to_string())?),
    };
    let mut answer = result.map_err(|err| err.to_string())?;
    let status = answer.status().as_u16();
    let headers = answer
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = answer.body_mut().read_to_string().map_err(|err| err.to_string())?;
    Ok(Response { status, headers, body })
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn get(&self, agent: &ureq::Agent, path: &str, token: &str) -> Response {
        let authorization = format!("Bearer {token}");
        send(agent, "GET", &self.url(path), &[("Authorization", &authorization)], None).expect("an answer")
    }

    fn control(&self, agent: &ureq::Agent, method: &str, path: &str, body: Option<Value>) -> Value {
        let response =
            send(agent, method, &self.url(path), &[], body.map(|b| b.to_string()).as_deref()).expect("an answer");
        assert_eq!(response.status, 200, "{path}: {}", response.body);
        assert_eq!(response.header("access-control-allow-origin"), Some("*"));
        response.json_body()
    }

    fn state(&self, agent: &ureq::Agent) -> Value {
        self.control(agent, "GET", "/_sandbox/state", None)
    }

    fn faults(&self, agent: &ureq::Agent, faults: Value) {
        self.control(agent, "POST", "/_sandbox/faults", Some(faults));
    }
}

#[test]
fn tokens_are_printed_and_written_and_the_owner_token_works() {
    let server = start("tokens", &["--seats", "40"]);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&server.tokens_out).unwrap()).unwrap();
    for name in ["owner_classic", "owner_fine_grained", "readonly_fine_grained", "member_classic", "no_scope_classic"] {
        let token = written[name].as_str().unwrap_or_else(|| panic!("{name} missing from --tokens-out"));
        assert!(server.printed.contains(&format!("{name}: {token}")), "{name} is printed at start");
    }
    assert!(written["owner_classic"].as_str().unwrap().starts_with("ghp_"));
    assert!(written["owner_fine_grained"].as_str().unwrap().starts_with("github_pat_"));
    let agent = agent();
    let owner = written["owner_classic"].as_str().unwrap();
    let response = server.get(&agent, "/orgs/acme/copilot/billing", owner);
    assert_conforms(Operation::GetOrganizationBilling, &response);
    assert_eq!(response.status, 200);
    assert_eq!(response.json_body()["seat_breakdown"]["total"], 40);
    let member = server.get(&agent, "/orgs/acme/copilot/billing", written["member_classic"].as_str().unwrap());
    assert_eq!(member.status, 403);
}

#[test]
fn preflights_allow_githubs_headers_and_not_a_custom_one() {
    let server = start("cors", &["--seats", "10"]);
    let agent = agent();
    let url = server.url("/orgs/acme/copilot/billing/selected_users");
    let preflight = |requested: &str| {
        send(
            &agent,
            "OPTIONS",
            &url,
            &[
                ("Origin", "http://localhost:8080"),
                ("Access-Control-Request-Method", "DELETE"),
                ("Access-Control-Request-Headers", requested),
            ],
            None,
        )
        .expect("an answer")
    };
    let allowed = preflight("authorization, content-type, if-none-match");
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("*"));
    assert!(browser_would_allow(&allowed, "DELETE", "authorization, content-type, if-none-match"));
    let custom = preflight("authorization, x-custom");
    let listed = custom.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
    assert!(!listed.contains("x-custom"), "{listed}");
    assert!(!browser_would_allow(&custom, "DELETE", "authorization, x-custom"));
    let exposed = server.get(&agent, "/orgs/acme/copilot/billing/seats", OWNER_CLASSIC);
    let exposed = exposed.header("access-control-expose-headers").unwrap();
    for header in ["ETag", "Link", "Retry-After", "X-RateLimit-Remaining", "X-GitHub-SSO", "X-OAuth-Scopes"] {
        assert!(exposed.contains(header), "{header}");
    }
}

#[test]
fn etags_revalidate_to_304_and_change_with_the_data() {
    let server = start("etag", &["--seats", "30"]);
    let agent = agent();
    let path = "/orgs/acme/copilot/billing";
    let first = server.get(&agent, path, OWNER_CLASSIC);
    let etag = first.header("etag").unwrap().to_owned();
    assert_eq!(first.header("cache-control"), Some("private, max-age=60, s-maxage=60"));
    let authorization = format!("Bearer {OWNER_CLASSIC}");
    let headers = [("Authorization", authorization.as_str()), ("If-None-Match", etag.as_str())];
    let cached = send(&agent, "GET", &server.url(path), &headers, None).unwrap();
    assert_eq!(cached.status, 304);
    assert!(cached.body.is_empty());
    let body = json!({"selected_usernames": [MEMBER_LOGIN]}).to_string();
    let added = send(
        &agent,
        "POST",
        &server.url("/orgs/acme/copilot/billing/selected_users"),
        &[("Authorization", &authorization)],
        Some(&body),
    )
    .unwrap();
    assert_conforms(Operation::AddUsers, &added);
    assert_eq!(added.status, 201);
    let fresh = send(&agent, "GET", &server.url(path), &headers, None).unwrap();
    assert_eq!(fresh.status, 200);
    assert_eq!(fresh.json_body()["seat_breakdown"]["total"], 31);
}

#[test]
fn link_headers_walk_every_page_to_exactly_the_states_seats() {
    let server = start("pages", &["--seats", "230", "--orgs", "2", "--seed", "9"]);
    let agent = agent();
    let mut url = server.url("/orgs/acme/copilot/billing/seats?per_page=100");
    let mut logins = Vec::new();
    let mut pages = 0;
    loop {
        let authorization = format!("Bearer {OWNER_CLASSIC}");
        let response = send(&agent, "GET", &url, &[("Authorization", &authorization)], None).unwrap();
        assert_conforms(Operation::ListOrganizationSeats, &response);
        pages += 1;
        let body = response.json_body();
        logins.extend(
            body["seats"].as_array().unwrap().iter().map(|s| s["assignee"]["login"].as_str().unwrap().to_owned()),
        );
        let next = response.header("link").and_then(|link| {
            link.split(',')
                .find(|part| part.contains("rel=\"next\""))
                .and_then(|part| Some(part.trim().strip_prefix('<')?.split('>').next()?.to_owned()))
        });
        match next {
            Some(next) => {
                assert!(next.starts_with(&server.base), "links point at the sandbox: {next}");
                url = next;
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let state = server.state(&agent);
    let acme = state["orgs"].as_array().unwrap().iter().find(|o| o["login"] == "acme").unwrap();
    let expected: Vec<String> =
        acme["seats"].as_array().unwrap().iter().map(|s| s["login"].as_str().unwrap().to_owned()).collect();
    assert_eq!(logins, expected);
    assert_eq!(logins.len(), 230);
    let enterprise = server.get(&agent, "/enterprises/acme-corp/copilot/billing/seats?per_page=100", OWNER_CLASSIC);
    assert_conforms(Operation::ListEnterpriseSeats, &enterprise);
    let mut unique = std::collections::BTreeSet::new();
    let mut grants = 0;
    let org_seats = state["orgs"].as_array().unwrap().iter().flat_map(|o| o["seats"].as_array().unwrap());
    let team_seats =
        state["enterprise"]["teams"].as_array().unwrap().iter().flat_map(|t| t["seats"].as_array().unwrap());
    for seat in org_seats.chain(team_seats) {
        unique.insert(seat["login"].as_str().unwrap().to_owned());
        grants += 1;
    }
    assert_eq!(enterprise.json_body()["total_seats"], unique.len());
    assert!(unique.len() < grants);
}

#[test]
fn faults_fail_garble_and_drop_while_control_endpoints_stay_clean() {
    let server = start("faults", &["--seats", "20"]);
    let agent = agent();
    let path = "/orgs/acme/copilot/billing/seats";

    server.faults(&agent, json!({"fail_rate": 1.0}));
    let mut statuses = std::collections::BTreeSet::new();
    for _ in 0..30 {
        let response = server.get(&agent, path, OWNER_CLASSIC);
        if response.status == 500 {
            assert_conforms(Operation::ListOrganizationSeats, &response);
        } else {
            // 502 is not in the description; the body is still GitHub's error shape.
            assert_eq!(response.json_body()["status"], "502");
        }
        assert!(matches!(error_of(&response), ApiError::Server { .. }));
        assert_eq!(response.header("access-control-allow-origin"), Some("*"), "a page can read the failure");
        statuses.insert(response.status);
    }
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), [500, 502]);
    assert_eq!(server.state(&agent)["faults"]["fail_rate"], 1.0, "control endpoints are never faulted");

    server.faults(&agent, json!({"fail_rate": 0.0, "malformed_rate": 1.0}));
    for _ in 0..10 {
        let response = server.get(&agent, path, OWNER_CLASSIC);
        assert_eq!(response.status, 200);
        assert!(serde_json::from_str::<Value>(&response.body).is_err(), "{}", response.body);
        let list = copilot_api::request::ListOrganizationSeats { org: "acme".into(), page: Default::default() };
        let parsed = copilot_api::ApiRequest::parse(
            &list,
            &response.clone().into(),
            Token::new(OWNER_CLASSIC).map(|t| t.kind()),
        );
        assert!(matches!(parsed, Err(ApiError::UnexpectedBody { status: 200, .. })), "{parsed:?}");
    }

    server.faults(&agent, json!({"malformed_rate": 0.0, "drop_rate": 1.0}));
    for _ in 0..5 {
        let authorization = format!("Bearer {OWNER_CLASSIC}");
        let dropped = send(&agent, "GET", &server.url(path), &[("Authorization", &authorization)], None);
        assert!(dropped.is_err(), "no response at all: {dropped:?}");
    }
    let preflight =
        send(&agent, "OPTIONS", &server.url(path), &[("Access-Control-Request-Method", "GET")], None).unwrap();
    assert_eq!(preflight.status, 204, "preflights are never faulted");

    server.faults(&agent, json!({"drop_rate": 0.0}));
    assert_eq!(server.get(&agent, path, OWNER_CLASSIC).status, 200);
}

#[test]
fn fault_flags_apply_from_the_start_and_reset_returns_to_them() {
    let server = start("fault-flags", &["--seats", "20", "--fail-rate", "1"]);
    let agent = agent();
    let path = "/orgs/acme/copilot/billing";
    assert!(matches!(server.get(&agent, path, OWNER_CLASSIC).status, 500 | 502));
    server.faults(&agent, json!({"fail_rate": 0.0}));
    assert_eq!(server.get(&agent, path, OWNER_CLASSIC).status, 200);
    server.control(&agent, "POST", "/_sandbox/reset", None);
    assert!(matches!(server.get(&agent, path, OWNER_CLASSIC).status, 500 | 502));
}

#[test]
fn forced_secondary_limits_come_as_429_without_retry_after_when_the_flags_say_so() {
    let server =
        start("limit-flags", &["--seats", "10", "--secondary-rate", "1", "--limit-status", "429", "--no-retry-after"]);
    let agent = agent();
    let path = "/orgs/acme/copilot/billing/seats";
    let refused = server.get(&agent, path, OWNER_CLASSIC);
    assert_eq!((refused.status, refused.header("retry-after")), (429, None));
    assert_eq!(refused.header("access-control-allow-origin"), Some("*"), "the page can read it");
    assert_eq!(error_of(&refused), ApiError::SecondaryRateLimit { retry_after_seconds: None });
    server.faults(&agent, json!({"secondary_retry_after": true, "limit_status": 403}));
    let told = server.get(&agent, path, OWNER_CLASSIC);
    assert_eq!((told.status, told.header("retry-after")), (403, Some("1")));
    server.faults(&agent, json!({"secondary_rate": 0.0}));
    assert_eq!(server.get(&agent, path, OWNER_CLASSIC).status, 200);
}

#[test]
fn latency_is_applied_to_api_requests_only() {
    let server = start("latency", &["--seats", "10", "--latency-ms", "300", "--jitter-ms", "50"]);
    let agent = agent();
    server.get(&agent, "/orgs/acme/copilot/billing", OWNER_CLASSIC);
    let started = Instant::now();
    let response = server.get(&agent, "/orgs/acme/copilot/billing", OWNER_CLASSIC);
    let elapsed = started.elapsed();
    assert_eq!(response.status, 200);
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    let started = Instant::now();
    server.state(&agent);
    assert!(started.elapsed() < Duration::from_millis(300), "control endpoints are not slowed");
    server.faults(&agent, json!({"latency_ms": 0, "jitter_ms": 0}));
    let started = Instant::now();
    server.get(&agent, "/orgs/acme/copilot/billing", OWNER_CLASSIC);
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[test]
fn settings_reset_and_state_endpoints_over_http() {
    let server = start("control", &["--seats", "25"]);
    let agent = agent();
    let before = server.state(&agent);
    let acme = before["orgs"].as_array().unwrap().iter().find(|o| o["login"] == "acme").unwrap();
    assert_eq!(acme["seats"].as_array().unwrap().len(), 25);
    assert_eq!(before["enterprise"]["slug"], "acme-corp");

    let settings = server.control(&agent, "POST", "/_sandbox/orgs/acme/settings", Some(json!({"saml_enforced": true})));
    assert_eq!(settings["saml_enforced"], true);
    let refused = server.get(&agent, "/orgs/acme/copilot/billing/seats", SSO_UNAUTHORIZED_CLASSIC);
    assert_conforms(Operation::ListOrganizationSeats, &refused);
    assert_eq!(refused.status, 403);
    assert!(refused.header("x-github-sso").unwrap().starts_with("required; url="));

    server.control(
        &agent,
        "POST",
        "/_sandbox/orgs/acme/settings",
        Some(json!({"seat_management_setting": "assign_all"})),
    );
    let authorization = format!("Bearer {OWNER_CLASSIC}");
    let body = json!({"selected_teams": ["frontend"]}).to_string();
    let change = send(
        &agent,
        "DELETE",
        &server.url("/orgs/acme/copilot/billing/selected_teams"),
        &[("Authorization", &authorization)],
        Some(&body),
    )
    .unwrap();
    assert_conforms(Operation::RemoveTeams, &change);
    assert_eq!(change.status, 422);

    server.control(&agent, "POST", "/_sandbox/reset", None);
    let after = server.state(&agent);
    assert_eq!(after["orgs"], before["orgs"]);
    assert_eq!(server.get(&agent, "/orgs/acme/copilot/billing/seats", SSO_UNAUTHORIZED_CLASSIC).status, 200);
}

#[test]
fn the_rate_limit_flag_and_too_many_requests_in_flight() {
    let server = start("limits", &["--seats", "10", "--rate-limit", "2"]);
    let agent = agent();
    let path = "/orgs/acme/copilot/billing";
    assert_eq!(server.get(&agent, path, OWNER_CLASSIC).header("x-ratelimit-limit"), Some("2"));
    assert_eq!(server.get(&agent, path, OWNER_CLASSIC).status, 200);
    let refused = server.get(&agent, path, OWNER_CLASSIC);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));

    // More than 100 requests of one token in flight: some are refused with a secondary limit. Every
    // thread is ready before any sends (a busy machine starts 115 threads over a long time), and each
    // answer takes longer than the starts can spread, so the first answer cannot free a place for a late
    // request: exactly the excess is refused.
    server.faults(&agent, json!({"latency_ms": 2_000, "rate_limit": 10_000}));
    let url = server.url(path);
    let ready = std::sync::Arc::new(std::sync::Barrier::new(115));
    let threads: Vec<_> = (0..115)
        .map(|_| {
            let (url, ready) = (url.clone(), std::sync::Arc::clone(&ready));
            std::thread::spawn(move || {
                let authorization = format!("Bearer {OWNER_CLASSIC}");
                let agent = agent_for_thread();
                ready.wait();
                send(&agent, "GET", &url, &[("Authorization", &authorization)], None)
            })
        })
        .collect();
    let answers: Vec<Response> = threads.into_iter().map(|t| t.join().unwrap().expect("an answer")).collect();
    let secondary = answers.iter().filter(|r| r.status == 403 && r.header("retry-after").is_some()).count();
    let ok = answers.iter().filter(|r| r.status == 200).count();
    assert!(secondary > 0, "some requests hit the in-flight limit");
    assert!(ok >= 100, "at most the excess is refused: {ok} ok, {secondary} refused");
}

fn agent_for_thread() -> ureq::Agent {
    agent()
}

fn error_of(response: &Response) -> ApiError {
    let kind = Token::new(OWNER_CLASSIC).map(|token| token.kind());
    ApiError::from_response(Operation::ListOrganizationSeats, kind, &response.clone().into())
}

#[test]
fn a_hundred_thousand_seats_start_and_answer() {
    // Not a timing test: it shows the large data set starts and pages are served from it.
    let server = start("large", &["--seats", "100000", "--orgs", "2"]);
    let agent = agent();
    let last = server.get(&agent, "/orgs/acme/copilot/billing/seats?per_page=100&page=1000", OWNER_CLASSIC);
    assert_conforms(Operation::ListOrganizationSeats, &last);
    assert_eq!(last.json_body()["seats"].as_array().unwrap().len(), 100);
    assert_eq!(last.json_body()["total_seats"], 100_000);
    assert!(last.header("link").unwrap().contains("rel=\"first\""));
    let enterprise = server.get(&agent, "/enterprises/acme-corp/copilot/billing/seats?page=2000", OWNER_CLASSIC);
    assert_eq!(enterprise.status, 200);
    let total = enterprise.json_body()["total_seats"].as_u64().unwrap();
    assert!(total > 100_000 && total < 125_000, "{total}");
}

/// An HTTPS client for the `--tls` tests, with ring as its crypto provider (as the server; reqwest is built
/// without one, so aws-lc-rs is never compiled). Offers HTTP/2 and HTTP/1.1 by ALPN, like a browser.
fn https_client() -> reqwest::blocking::ClientBuilder {
    // Once per test process; a second install (another test) is refused, which is fine.
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder().no_proxy().timeout(Duration::from_secs(20))
}

/// Accepts the sandbox's self-signed certificate, as a browser started with `--ignore-certificate-errors`.
fn trusting_client() -> reqwest::blocking::Client {
    https_client().tls_danger_accept_invalid_certs(true).tls_info(true).build().expect("a client")
}

fn get_h2(client: &reqwest::blocking::Client, url: &str, token: &str) -> reqwest::Result<reqwest::blocking::Response> {
    client.get(url).header("Authorization", format!("Bearer {token}")).send()
}

fn json_of(response: reqwest::blocking::Response) -> Value {
    serde_json::from_str(&response.text().expect("a body")).expect("a JSON body")
}

fn next_link(response: &reqwest::blocking::Response) -> Option<String> {
    let link = response.headers().get("link")?.to_str().ok()?;
    link.split(',')
        .find(|part| part.contains("rel=\"next\""))
        .and_then(|part| Some(part.trim().strip_prefix('<')?.split('>').next()?.to_owned()))
}

#[test]
fn tls_serves_http2_with_the_tokens_and_link_headers() {
    let server = start("tls", &["--seats", "120", "--tls"]);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&server.tokens_out).unwrap()).unwrap();
    let owner = written["owner_classic"].as_str().expect("the tokens file is written under --tls too");
    assert_eq!(owner, OWNER_CLASSIC);
    assert!(server.printed.contains(&format!("owner_classic: {owner}")));
    let client = trusting_client();

    let first = get_h2(&client, &server.url("/orgs/acme/copilot/billing/seats"), owner).expect("an answer");
    assert_eq!(first.status(), 200);
    assert_eq!(first.version(), reqwest::Version::HTTP_2, "ALPN picks HTTP/2, as with api.github.com");
    assert_eq!(first.headers().get("access-control-allow-origin").unwrap(), "*");
    let next = next_link(&first).expect("a next page");
    // The links keep the scheme and the address the client used (HTTP/2's `:authority`, not `Host`).
    assert_eq!(next, server.url("/orgs/acme/copilot/billing/seats?page=2"));
    let body: Value = json_of(first);
    assert_eq!(body["total_seats"], 120);
    assert_eq!(body["seats"].as_array().unwrap().len(), 50);
    let second = get_h2(&client, &next, owner).unwrap();
    assert_eq!((second.status().as_u16(), second.version()), (200, reqwest::Version::HTTP_2));
    let second: Value = json_of(second);
    assert_eq!(second["seats"].as_array().unwrap().len(), 50);
    assert_ne!(second["seats"][0], body["seats"][0]);
    let member = get_h2(&client, &server.url("/orgs/acme/copilot/billing"), MEMBER_CLASSIC).unwrap();
    assert_eq!(member.status(), 403);

    // A client that offers only HTTP/1.1 gets it, over the same TLS.
    let http1 = https_client().tls_danger_accept_invalid_certs(true).http1_only().build().unwrap();
    let answer = get_h2(&http1, &server.url("/orgs/acme/copilot/billing/seats?per_page=100"), owner).unwrap();
    assert_eq!((answer.status().as_u16(), answer.version()), (200, reqwest::Version::HTTP_11));
    assert_eq!(next_link(&answer), Some(server.url("/orgs/acme/copilot/billing/seats?per_page=100&page=2")));

    // The certificate is good for 127.0.0.1 and localhost: a client trusting only it verifies both names.
    let certificate = first_certificate(&client, &server);
    let verifying =
        https_client().tls_certs_only([reqwest::Certificate::from_der(&certificate).unwrap()]).build().unwrap();
    let port = server.base.rsplit(':').next().unwrap();
    for host in ["127.0.0.1", "localhost"] {
        let url = format!("https://{host}:{port}/_sandbox/faults");
        let answer = verifying.get(&url).send().unwrap_or_else(|err| panic!("{url}: {err:?}"));
        assert_eq!((answer.status().as_u16(), answer.version()), (200, reqwest::Version::HTTP_2), "{url}");
    }
    let stranger = https_client().build().unwrap().get(server.url("/_sandbox/faults")).send();
    assert!(stranger.is_err(), "a client that does not trust it refuses it: {stranger:?}");
}

fn first_certificate(client: &reqwest::blocking::Client, server: &Server) -> Vec<u8> {
    let answer = client.get(server.url("/_sandbox/state")).send().unwrap();
    let info = answer.extensions().get::<reqwest::tls::TlsInfo>().expect("tls_info is on");
    info.peer_certificate().expect("a certificate").to_vec()
}

#[test]
fn tls_preflights_and_control_endpoints_over_http2() {
    let server = start("tls-cors", &["--seats", "10", "--tls"]);
    let client = trusting_client();
    let url = server.url("/orgs/acme/copilot/billing/selected_users");
    let preflight = |requested: &str| {
        let answer = client
            .request(reqwest::Method::OPTIONS, &url)
            .header("Origin", "http://localhost:8080")
            .header("Access-Control-Request-Method", "DELETE")
            .header("Access-Control-Request-Headers", requested)
            .send()
            .expect("an answer");
        assert_eq!(answer.version(), reqwest::Version::HTTP_2);
        Response {
            status: answer.status().as_u16(),
            headers: answer
                .headers()
                .iter()
                .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned()))
                .collect(),
            body: answer.text().unwrap(),
        }
    };
    let allowed = preflight("authorization, content-type, if-none-match");
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("*"));
    assert!(browser_would_allow(&allowed, "DELETE", "authorization, content-type, if-none-match"));
    let custom = preflight("authorization, x-custom");
    assert!(!browser_would_allow(&custom, "DELETE", "authorization, x-custom"));

    let body = json!({"selected_usernames": [MEMBER_LOGIN]}).to_string();
    let added = client
        .post(server.url("/orgs/acme/copilot/billing/selected_users"))
        .header("Authorization", format!("Bearer {OWNER_CLASSIC}"))
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .unwrap();
    assert_eq!((added.status().as_u16(), added.version()), (201, reqwest::Version::HTTP_2));
    let state: Value = json_of(client.get(server.url("/_sandbox/state")).send().unwrap());
    let acme = state["orgs"].as_array().unwrap().iter().find(|o| o["login"] == "acme").unwrap();
    assert_eq!(acme["seats"].as_array().unwrap().len(), 11, "a request body arrives whole over HTTP/2");
}

#[test]
fn tls_drop_resets_the_request_and_the_connection_serves_on() {
    let server = start("tls-faults", &["--seats", "10", "--tls"]);
    let client = trusting_client();
    let path = "/orgs/acme/copilot/billing/seats";
    let set = |faults: Value| {
        let answer = client.post(server.url("/_sandbox/faults")).body(faults.to_string()).send().unwrap();
        assert_eq!((answer.status().as_u16(), answer.version()), (200, reqwest::Version::HTTP_2));
    };
    assert_eq!(get_h2(&client, &server.url(path), OWNER_CLASSIC).unwrap().status(), 200);
    set(json!({"drop_rate": 1.0}));
    for _ in 0..5 {
        let dropped = get_h2(&client, &server.url(path), OWNER_CLASSIC);
        let err = dropped.expect_err("no response at all");
        assert!(err.status().is_none() && err.is_request(), "a transport error: {err:?}");
    }
    // The other requests on the connection are not affected: control endpoints and preflights go on.
    let preflight = client
        .request(reqwest::Method::OPTIONS, server.url(path))
        .header("Access-Control-Request-Method", "GET")
        .send()
        .unwrap();
    assert_eq!(preflight.status(), 204, "preflights are never faulted");
    set(json!({"drop_rate": 0.0, "fail_rate": 1.0}));
    let failed = get_h2(&client, &server.url(path), OWNER_CLASSIC).unwrap();
    assert!(matches!(failed.status().as_u16(), 500 | 502));
    assert_eq!(failed.headers().get("access-control-allow-origin").unwrap(), "*");
    set(json!({"fail_rate": 0.0}));
    assert_eq!(get_h2(&client, &server.url(path), OWNER_CLASSIC).unwrap().status(), 200);
}

#[test]
fn tls_keeps_more_than_six_requests_in_flight_on_one_origin() {
    // The point of `--tls`: over HTTP/1.1 a browser holds 6 connections per origin; HTTP/2 multiplexes.
    let server = start("tls-flight", &["--seats", "10", "--tls", "--latency-ms", "1000"]);
    let client = trusting_client();
    let url = server.url("/orgs/acme/copilot/billing");
    assert_eq!(get_h2(&client, &url, OWNER_CLASSIC).unwrap().status(), 200);
    let started = Instant::now();
    let threads: Vec<_> = (0..10)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            std::thread::spawn(move || {
                let answer = get_h2(&client, &url, OWNER_CLASSIC).expect("an answer");
                (answer.status().as_u16(), answer.version())
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), (200, reqwest::Version::HTTP_2));
    }
    let elapsed = started.elapsed();
    // Six at a time would take two rounds of the latency at least.
    assert!(elapsed < Duration::from_millis(1900), "10 requests of 1 s each took {elapsed:?}");

    // In-flight counting is per token across the streams: more than 100 at once hit the secondary limit.
    let threads: Vec<_> = (0..115)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            std::thread::spawn(move || get_h2(&client, &url, OWNER_CLASSIC).expect("an answer"))
        })
        .collect();
    let answers: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let secondary = answers.iter().filter(|r| r.status() == 403 && r.headers().contains_key("retry-after")).count();
    let ok = answers.iter().filter(|r| r.status() == 200).count();
    // All 115 are in flight at once (each waits 1 s), so at most 100 can be served. A refused request holds a
    // place for the instant it is refused, so a few more than 15 may be refused when they arrive together.
    assert_eq!(ok + secondary, 115, "{ok} ok, {secondary} refused, the rest something else");
    assert!(secondary > 0 && (90..=100).contains(&ok), "{ok} ok, {secondary} refused");
}
