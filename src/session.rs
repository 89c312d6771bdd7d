//! The connection the page works with, shared through context, and the token's optional place in
//! `sessionStorage` (only when the person opts in).

use copilot_api::{ApiBase, RememberedToken, Scope, Token};
use leptos::prelude::*;

use crate::client::Client;

/// A live connection: the client and the scope it was opened for.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub client: Client,
    pub scope: Scope,
}

/// The page-wide session, provided once by the app.
#[derive(Clone, Copy)]
pub struct Session {
    pub connection: RwSignal<Option<Connection>>,
    /// Bumped after every write so every view re-reads what changed.
    pub refresh: RwSignal<u32>,
}

impl Session {
    pub fn provide() -> Self {
        let session = Self { connection: RwSignal::new(None), refresh: RwSignal::new(0) };
        provide_context(session);
        session
    }

    pub fn disconnect(&self) {
        self.connection.set(None);
    }

    /// Disconnect, and forget the remembered token so the connect form does not offer it again.
    pub fn disconnect_and_forget(&self) {
        forget_remembered_token();
        self.disconnect();
    }
}

/// The session from context; the app provides it before anything renders.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(Session::provide)
}

/// The one `sessionStorage` key the app writes, and only when the person ticks "remember in this tab": a
/// record of the token, its API base and when it was remembered (see `copilot_api::remembered`).
const TOKEN_KEY: &str = "copilot-seats.token";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.session_storage().ok().flatten())
}

/// The page's clock as the remembered record counts it (`clock::now_ms`, signed).
fn now_ms() -> i64 {
    i64::try_from(crate::clock::now_ms()).unwrap_or(i64::MAX)
}

/// The remembered token, only if it was remembered for `base` less than eight hours ago.
pub fn remembered_token_for(base: &ApiBase) -> Option<Token> {
    let raw = session_storage().and_then(|storage| storage.get_item(TOKEN_KEY).ok().flatten())?;
    RememberedToken::token_for(&raw, base, now_ms())
}

pub fn remember_token(token: &Token, base: &ApiBase) {
    if let Some(storage) = session_storage() {
        let record = RememberedToken::new(token.clone(), base.clone(), now_ms());
        // A full or disabled storage only means the token is not remembered; nothing else depends on it.
        let _ = storage.set_item(TOKEN_KEY, &record.to_json());
    }
}

pub fn forget_remembered_token() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(TOKEN_KEY);
    }
}
