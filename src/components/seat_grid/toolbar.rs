//! The grid's toolbar: the login search, the inactivity threshold, the grace period of new seats, the
//! status chips, one menu per filter (the core's `FilterMenu`), and the seat prices the idle cost is
//! computed at. Every choice but the prices goes into the URL.

use copilot_api::insight::cost::price_input_text;
use copilot_api::insight::{
    parse_grace_days, parse_price_cents, parse_threshold_days, FilterMenu, FilterOptions, SeatPrices, SeatStatus,
    ANY_CHOICE, THRESHOLD_PRESETS,
};
use copilot_api::PlanType;
use leptos::prelude::*;

use super::loaded::IndexedSeats;
use super::search::SearchDebounce;
use crate::view_url::use_view_url;

#[component]
pub(super) fn Toolbar(loaded: Signal<IndexedSeats>, prices: RwSignal<SeatPrices>, enterprise: bool) -> impl IntoView {
    let view_url = use_view_url();
    let grid = move || view_url.state.with(|s| s.grid.clone());
    let threshold_text = RwSignal::new(String::new());
    let threshold_problem = RwSignal::new(None::<String>);
    let grace_text = RwSignal::new(String::new());
    let grace_problem = RwSignal::new(None::<String>);
    let price_problem = RwSignal::new(None::<String>);
    let options = Memo::new(move |_| loaded.with(|l| l.index.filter_options().clone()));

    let search = StoredValue::new_local(SearchDebounce::new(view_url));
    let set_threshold = move |days: u32| view_url.update(true, |s| s.grid.threshold_days = days);
    let on_threshold_input = move |ev| {
        let text = event_target_value(&ev);
        threshold_text.set(text.clone());
        match parse_threshold_days(&text) {
            Ok(days) => {
                threshold_problem.set(None);
                set_threshold(days);
            }
            Err(problem) => threshold_problem.set(Some(problem.to_string())),
        }
    };
    let on_grace_input = move |ev| {
        let text = event_target_value(&ev);
        grace_text.set(text.clone());
        match parse_grace_days(&text) {
            Ok(days) => {
                grace_problem.set(None);
                view_url.update(true, |s| s.grid.grace_days = days);
            }
            Err(problem) => grace_problem.set(Some(problem.to_string())),
        }
    };
    let on_price = move |plan: PlanType, text: String| match parse_price_cents(&text) {
        Ok(cents) => {
            price_problem.set(None);
            prices.update(|prices| prices.set_monthly_cents(plan, cents));
        }
        Err(problem) => price_problem.set(Some(problem.to_string())),
    };
    let status_chip = move |status: SeatStatus| {
        let pressed = move || grid().statuses.contains(status);
        view! {
            <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                on:click=move |_| view_url.update(true, |s| s.grid.statuses.toggle(status))>
                {status.label()}
            </button>
        }
    };

    view! {
        <div class="toolbar">
            <label class="search">
                "Search logins"
                <input type="search" placeholder="octocat" spellcheck="false"
                    prop:value=move || grid().search
                    on:input=move |ev| search.with_value(|search| search.type_text(event_target_value(&ev))) />
            </label>
            <fieldset class="threshold">
                <legend>"Inactive after (days)"</legend>
                {THRESHOLD_PRESETS.into_iter().map(|days| view! {
                    <button type="button" class="chip"
                        aria-pressed=move || (grid().threshold_days == days).to_string()
                        on:click=move |_| { threshold_text.set(String::new()); set_threshold(days) }>
                        {days}
                    </button>
                }).collect_view()}
                <label>
                    "Any number of days"
                    <input type="number" min="1" max="3650" class="days"
                        prop:value=move || { let t = threshold_text.get(); if t.is_empty() { grid().threshold_days.to_string() } else { t } }
                        on:input=on_threshold_input />
                </label>
                {move || threshold_problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
            </fieldset>
            <label class="grace">
                "Grace period for new seats (days, 0 for none)"
                <input type="number" min="0" max="365" class="days"
                    prop:value=move || { let t = grace_text.get(); if t.is_empty() { grid().grace_days.to_string() } else { t } }
                    on:input=on_grace_input />
                {move || grace_problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
            </label>
            <fieldset class="statuses">
                <legend>"Status"</legend>
                {SeatStatus::ALL.into_iter().map(status_chip).collect_view()}
            </fieldset>
            {FilterMenu::for_grid(enterprise).map(|menu| view! { <FilterSelect menu options /> }).collect_view()}
            <fieldset class="prices">
                <legend>"Monthly price per seat"</legend>
                {SeatPrices::PRICED_PLANS.into_iter().map(|plan| view! {
                    <label>
                        {SeatPrices::field_label(plan)}
                        <input type="text" inputmode="decimal" class="price"
                            prop:value=move || price_input_text(prices.get().monthly_cents(plan))
                            on:change=move |ev| on_price(plan, event_target_value(&ev)) />
                    </label>
                }).collect_view()}
                {move || price_problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
            </fieldset>
        </div>
    }
}

/// One filter menu: "Any", then a choice per value among the loaded seats, with its count. The keys are
/// the core's, the same the URL carries.
#[component]
fn FilterSelect(menu: FilterMenu, options: Memo<FilterOptions>) -> impl IntoView {
    let view_url = use_view_url();
    let chosen = Memo::new(move |_| view_url.state.with(|state| menu.chosen_key(&state.grid)));
    let on_change = move |ev| {
        let key = event_target_value(&ev);
        view_url.update(true, move |state| menu.choose(&mut state.grid, &key));
    };
    view! {
        <label>
            {menu.label()}
            <select on:change=on_change>
                <option value="" selected=move || chosen.with(Option::is_none)>{ANY_CHOICE}</option>
                {move || options.with(|options| menu.items(options)).into_iter().map(|item| {
                    let selected = chosen.with(|chosen| chosen.as_deref() == Some(item.key.as_str()));
                    view! { <option value=item.key selected=selected>{item.text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
