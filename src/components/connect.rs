use copilot_api::connect_fields::ConnectTarget;
use copilot_api::foreign_host::{connect_permission, AddressSource, ForeignHost};
use copilot_api::remembered::REMEMBER_LABEL;
use copilot_api::{ApiError, Operation, TokenKind};
use leptos::prelude::*;

use crate::client::Client;
use crate::components::error_message::ErrorMessage;
use crate::parts::fetch_workspace_early;
use crate::session::{forget_remembered_token, remember_token, remembered_token_for, use_session, Connection};
use crate::view_url::{current_query, use_view_url};
use copilot_api::insight::view_state::query_value;

pub use copilot_api::connect_fields::{ConnectFields, HostKind};

/// Turns the form's fields into a connection, or the first problem with them (the core reads them).
pub fn connection_from_form(host: HostKind, fields: &ConnectFields) -> Result<Connection, ApiError> {
    let request = fields.read(host).map_err(ApiError::InvalidInput)?;
    let client = match request.target {
        ConnectTarget::Demo => Client::demo(),
        ConnectTarget::Api { base, token } => Client::new(base, Some(token)),
    };
    Ok(Connection { client, scope: request.scope })
}

/// The first screen: API host, organization or enterprise, token, and "Connect".
#[component]
pub fn ConnectForm() -> impl IntoView {
    let session = use_session();
    let view_url = use_view_url();
    let query = current_query();
    let initial = |key: &str| query_value(&query, key);

    let host = RwSignal::new(HostKind::from_key(&initial("host")));
    let subdomain = RwSignal::new(initial("ghe"));
    let custom_url = RwSignal::new(initial("api"));
    let enterprise_scope = RwSignal::new(!initial("enterprise").is_empty());
    let name = RwSignal::new({
        let enterprise = initial("enterprise");
        if enterprise.is_empty() {
            initial("org")
        } else {
            enterprise
        }
    });
    // An address a link put on the form is not the person's own choice until they type in the field.
    let address_source =
        RwSignal::new(if initial("api").is_empty() { AddressSource::Typed } else { AddressSource::Link });
    // The host the person said yes to sending the token to, so a yes never carries over to another one.
    let confirmed_host = RwSignal::new(None::<String>);
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    // On an origin other sites share (GitHub Pages), the token is never remembered nor read back.
    let shared_origin = crate::page_origin::shared_origin();
    let may_remember = shared_origin.is_none();
    // The remembered token is offered only while the form names the base it was remembered for, so a link
    // that pre-fills another API address never gets it. `offered` is what was filled in, so it can be taken
    // out again if the person moves the form to another address before typing a token of their own.
    let offered = StoredValue::new(None::<String>);
    let form_base = Memo::new(move |_| {
        (host.get() != HostKind::Demo).then(|| host.get().api_base(&subdomain.get(), &custom_url.get()).ok()).flatten()
    });
    Effect::new(move |_| {
        let for_this_base =
            form_base.with(|base| base.as_ref().filter(|_| may_remember).and_then(remembered_token_for));
        let still_offered = offered.get_value().is_some_and(|shown| token.with_untracked(|t| *t == shown));
        match for_this_base {
            Some(remembered) if still_offered || token.with_untracked(String::is_empty) => {
                let remembered = remembered.expose().to_owned();
                offered.set_value(Some(remembered.clone()));
                token.set(remembered);
                remember.set(true);
            }
            None if still_offered => {
                offered.set_value(None);
                token.set(String::new());
                remember.set(false);
            }
            _ => {}
        }
    });
    let foreign_host = Memo::new(move |_| form_base.with(|base| base.as_ref().and_then(ForeignHost::of)));
    let problem = RwSignal::new(None::<ApiError>);
    let token_kind = Memo::new(move |_| token.with(|t| (!t.trim().is_empty()).then(|| TokenKind::of(t))));

    let connect = move || {
        let fields = ConnectFields {
            subdomain: subdomain.get_untracked(),
            custom_url: custom_url.get_untracked(),
            enterprise_scope: enterprise_scope.get_untracked(),
            name: name.get_untracked(),
            token: token.get_untracked(),
        };
        let may_send = |connection: &Connection| {
            if connection.client.is_demo() {
                return Ok(());
            }
            let base = &connection.client.base;
            confirmed_host
                .with_untracked(|confirmed| {
                    connect_permission(base, address_source.get_untracked(), confirmed.as_deref())
                })
                .map_err(ApiError::InvalidInput)?;
            crate::page_policy::check_reachable(base)
        };
        match connection_from_form(host.get_untracked(), &fields).and_then(|connection| {
            may_send(&connection)?;
            Ok(connection)
        }) {
            Ok(connection) => {
                problem.set(None);
                match (remember.get_untracked() && may_remember, connection.client.token()) {
                    (true, Some(token)) if !connection.client.is_demo() => {
                        remember_token(token, &connection.client.base)
                    }
                    _ => forget_remembered_token(),
                }
                // The host and scope go into the URL (never the token), so the view can be shared.
                let host_choice = fields.host_choice(host.get_untracked(), &connection.client.base);
                let view_scope = connection.scope.clone();
                view_url.update(true, move |state| {
                    state.host = host_choice;
                    state.scope = Some(view_scope);
                });
                session.connection.set(Some(connection));
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        connect();
    };
    let forget = move |_| {
        offered.set_value(None);
        token.set(String::new());
        remember.set(false);
        session.disconnect_and_forget();
    };
    let try_demo = move |_| {
        host.set(HostKind::Demo);
        enterprise_scope.set(false);
        name.set(copilot_sandbox::FIRST_ORG.to_owned());
        connect();
    };

    view! {
        // The seat views come in a chunk of their own: the first touch of the form starts fetching it.
        <form class="card connect" on:submit=on_submit aria-labelledby="connect-heading"
            on:focusin=move |_| fetch_workspace_early() on:pointerdown=move |_| fetch_workspace_early()>
            <h2 id="connect-heading">"Connect to GitHub"</h2>
            <div class="row">
                <label>
                    "API host"
                    <select on:change=move |ev| host.set(HostKind::from_key(&event_target_value(&ev)))>
                        {HostKind::ALL.into_iter().map(|kind| view! {
                            <option value=kind.key() selected=move || host.get() == kind>{kind.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || host.get() == HostKind::GheCom>
                    <label>
                        "GHE.com subdomain"
                        <input type="text" placeholder="octocorp" spellcheck="false" prop:value=move || subdomain.get()
                            on:input=move |ev| subdomain.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <Show when=move || host.get() == HostKind::Custom>
                    <label>
                        "API URL"
                        <input type="url" placeholder="https://github.example.com/api/v3" spellcheck="false"
                            prop:value=move || custom_url.get() on:input=move |ev| {
                                address_source.set(AddressSource::Typed);
                                custom_url.set(event_target_value(&ev));
                            } />
                    </label>
                </Show>
            </div>
            {move || foreign_host.get().filter(|_| host.get() == HostKind::Custom).map(|foreign| {
                let confirmation = foreign.needs_confirmation(address_source.get()).then(|| {
                    let this_host = foreign.host().to_owned();
                    let is_this_host = this_host.clone();
                    view! {
                        <label class="inline confirm-host">
                            <input type="checkbox" data-testid="foreign-host-confirm"
                                prop:checked=move || confirmed_host.with(|h| h.as_deref() == Some(is_this_host.as_str()))
                                on:change=move |ev| {
                                    problem.set(None);
                                    confirmed_host.set(event_target_checked(&ev).then(|| this_host.clone()));
                                } />
                            {foreign.confirmation_label()}
                        </label>
                    }
                });
                view! {
                    <p class="notice" role="note" data-testid="foreign-host">{foreign.warning()}</p>
                    {confirmation}
                }
            })}
            <div class="row">
                <label>
                    "Scope"
                    <select on:change=move |ev| enterprise_scope.set(event_target_value(&ev) == "enterprise")>
                        <option value="org" selected=move || !enterprise_scope.get()>"Organization"</option>
                        <option value="enterprise" selected=move || enterprise_scope.get()>"Enterprise"</option>
                    </select>
                </label>
                <label>
                    {move || if enterprise_scope.get() { "Enterprise" } else { "Organization" }}
                    <input type="text" autocomplete="off" spellcheck="false" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
            </div>
            <Show when=move || host.get() != HostKind::Demo fallback=|| view! {
                <p class="hint">"The demo runs a realistic organization inside this page: nothing leaves your browser, and no token is needed."</p>
            }>
                // Not `type="password"`: a password field in a form looks like a login to browsers and
                // password managers, which then offer to save the token, sync it, and fill it in on every
                // page of this origin. A text field masked by CSS (`input.token`), with the opt-outs that
                // 1Password, LastPass, Bitwarden and Dashlane honour, is none of that.
                <label>
                    "Token"
                    <input type="text" class="token" autocomplete="off" autocapitalize="none"
                        spellcheck="false" data-1p-ignore="" data-lpignore="true" data-bwignore=""
                        data-form-type="other" prop:value=move || token.get()
                        on:input=move |ev| token.set(event_target_value(&ev)) />
                </label>
                <TokenNeeds kind=token_kind />
                {match shared_origin.clone() {
                    None => view! {
                        <label class="inline">
                            <input type="checkbox" prop:checked=move || remember.get()
                                on:change=move |ev| remember.set(event_target_checked(&ev)) />
                            {REMEMBER_LABEL}
                        </label>
                    }.into_any(),
                    Some(shared) => view! {
                        <p class="notice" role="note" data-testid="shared-origin">{shared.warning()}</p>
                    }.into_any(),
                }}
            </Show>
            <div class="actions">
                <button type="submit">"Connect"</button>
                <button type="button" class="secondary" on:click=try_demo>"Try the demo"</button>
                <button type="button" class="secondary" on:click=forget>"Forget token"</button>
            </div>
            {move || problem.get().map(|error| view! { <ErrorMessage error /> })}
        </form>
    }
}

/// What the pasted token is, and what it needs for each operation.
#[component]
fn TokenNeeds(kind: Memo<Option<TokenKind>>) -> impl IntoView {
    view! {
        {move || kind.get().map(|kind| view! {
            <details class="token-needs">
                <summary data-testid="token-kind">{kind.label()}</summary>
                <ul>
                    {Operation::ALL.into_iter().map(|operation| view! {
                        <li><strong>{operation.title()}</strong>": " {operation.requirement_for(kind)}</li>
                    }).collect_view()}
                </ul>
            </details>
        })}
    }
}
