//! What a grid selection's revoke does to the bill, for the person's choice about team-granted seats: the
//! seats that really stop billing at the end of the cycle and those a grant keeps billed, with the money
//! each way and why (the core's `insight::grants`, worked out when the selection was proposed).

use copilot_api::plan::{RevokeSelection, TeamGrantedChoice};
use leptos::prelude::*;

#[component]
pub(super) fn BillingEffectView(selection: RevokeSelection, choice: Memo<TeamGrantedChoice>) -> impl IntoView {
    move || {
        let effect = selection.billing_effect(choice.get())?.clone();
        Some(view! {
            <div class="billing-effect" role="group" aria-label="What the bill does" data-testid="billing-effect">
                <p data-testid="billing-headline"><strong>{effect.headline()}</strong></p>
                {(!effect.stay.is_empty()).then(|| view! {
                    <ul data-testid="billing-stay">
                        {effect.stay_reasons().into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
                    </ul>
                })}
                {effect.beyond_selection().map(|text| view! { <p data-testid="billing-beyond">{text}</p> })}
                {effect.already_pending_sentence().map(|text| view! { <p data-testid="billing-pending">{text}</p> })}
                {effect.limit().map(|text| view! { <p class="hint">{text}</p> })}
            </div>
        })
    }
}
