//! Above the grid: which set of seats the figures cover, a counter per status, the idle seats' monthly
//! cost and the sentence that says what it is made of; and the warning when GitHub left organizations out
//! for SAML single sign-on.

use std::sync::Arc;

use copilot_api::format::{count, dollars};
use copilot_api::insight::{GridView, SeatCoverage, SeatPrices, SeatStatus};
use leptos::prelude::*;

/// The organizations GitHub left out of the list for SAML single sign-on, and how to authorize the token
/// for them (the core's words); nothing when GitHub left nothing out.
#[component]
pub fn SsoLeftOutWarning(coverage: Signal<SeatCoverage>, test_id: &'static str) -> impl IntoView {
    move || {
        coverage.with(SeatCoverage::sso_warning).map(|warning| {
            view! {
                <p class="sso-left-out" role="note" data-testid=test_id>
                    <strong>{copilot_api::sso::LEFT_OUT_HEADING}</strong>
                    " "
                    {warning}
                </p>
            }
        })
    }
}

#[component]
pub(super) fn Summary(
    view: Memo<Arc<GridView>>,
    prices: RwSignal<SeatPrices>,
    coverage: Signal<SeatCoverage>,
) -> impl IntoView {
    let view_url = crate::view_url::use_view_url();
    let rules = Memo::new(move |_| view_url.state.with(|s| s.grid.status_rules()));
    let counter = move |status: SeatStatus| {
        view! {
            <div>
                <dt>{status.label()}</dt>
                <dd data-testid=format!("count-{}", status.key())>
                    {move || count(view.with(|v| v.total_counts.get(status)))}
                </dd>
            </div>
        }
    };
    view! {
        <div class="summary" aria-live="polite">
            <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat()) data-testid="coverage">
                {move || coverage.with(SeatCoverage::figure_note)}
            </p>
            <dl class="counts">
                {SeatStatus::ALL.into_iter().map(counter).collect_view()}
                <div class="cost">
                    <dt>"Idle seats cost a month"</dt>
                    <dd data-testid="idle-cost">{move || dollars(view.with(|v| v.idle_cost.total_cents()))}</dd>
                </div>
            </dl>
            <p class="hint">{move || prices.with(|prices| view.with(|v| v.cost_sentence(prices, rules.get())))}</p>
        </div>
    }
}
