use copilot_api::insight::lookup::typed_username;
use copilot_api::insight::{seat_card, MemberLookup};
use copilot_api::names::{name_problem, NameKind};
use copilot_api::request::GetMemberSeat;
use copilot_api::{ApiError, Seat};
use leptos::prelude::*;

use crate::components::error_message::ErrorMessage;
use crate::session::Connection;

/// One member's seat, or a clear answer: no seat, pending invitation, not a member.
#[component]
pub fn MemberLookupView(connection: Connection) -> impl IntoView {
    let org = connection.scope.name().to_owned();
    let username = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<ApiError>);
    let client = connection.client.clone();
    let lookup_org = org.clone();
    let lookup = Action::new_local(move |username: &String| {
        let (client, org, username) = (client.clone(), lookup_org.clone(), username.clone());
        async move {
            let result = client.call(&GetMemberSeat { org, username: username.clone() }, None).await;
            (username, MemberLookup::from_result(result.map(|reply| reply.body)))
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let name = typed_username(&username.get_untracked()).to_owned();
        match name_problem(&name, NameKind::User) {
            Some(message) => problem.set(Some(ApiError::InvalidInput(message))),
            None => {
                problem.set(None);
                lookup.dispatch_local(name);
            }
        }
    };
    view! {
        <section class="card lookup" aria-labelledby="lookup-heading">
            <h2 id="lookup-heading">"Look up a member's seat"</h2>
            <form on:submit=on_submit class="row">
                <label>
                    "Username"
                    <input type="text" spellcheck="false" autocomplete="off" prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev)) />
                </label>
                <button type="submit" disabled=move || lookup.pending().get()>"Look up"</button>
            </form>
            {move || problem.get().map(|error| view! { <ErrorMessage error /> })}
            {move || lookup.value().get().map(|(username, result)| {
                let headline = result.headline(&username, &org);
                let explanation = result.explanation(&username, &org);
                let seat = result.seat().cloned();
                view! {
                    <div class="lookup-result" role="status">
                        <h3>{headline}</h3>
                        <p>{explanation}</p>
                        {seat.map(|seat| view! { <SeatCard seat /> })}
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn SeatCard(seat: Seat) -> impl IntoView {
    let lines = seat_card(&seat, crate::clock::now_utc());
    view! {
        <dl class="seat-card">
            {lines.into_iter().map(|line| view! {
                <div><dt>{line.label}</dt><dd title=line.title>{line.value}</dd></div>
            }).collect_view()}
        </dl>
    }
}
