//! The seat grid: toolbar, per-status counts and idle cost, and a virtualized table. Everything it shows
//! is computed by `copilot_api::insight::grid_view` from the loaded seats, the URL's grid state and now;
//! the DOM holds only the rows in sight plus a small overscan, whatever the number of seats.
//!
//! For an organization, seats can be selected (checkboxes, shift-click for a range, every seat matching
//! the filter, every inactive seat) and revoked through the write dialog. The selection is a set of
//! logins, never DOM state, so it survives scrolling the virtualized rows.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use copilot_api::format::{count, dollars, exact_date, exact_time, relative_date, relative_time};
use copilot_api::insight::grid::plan_label;
use copilot_api::insight::{
    export_file_name, grid_view, parse_price_cents, parse_threshold_days, seats_to_csv, seats_to_json,
    sort_after_click, Column, GridView, SeatCoverage, SeatIndex, SeatPrices, SeatStatus, SortDirection, TeamFilter,
    THRESHOLD_PRESETS,
};
use copilot_api::plan::{plan_revocation, select_range};
use copilot_api::{PlanType, Seat};
use leptos::prelude::*;

use crate::components::manage::{use_write_desk, Proposal, SettingRefusal, WriteDesk};
use crate::download::download;
use crate::view_url::use_view_url;

/// Height of one row in pixels; fixed so the visible range follows from the scroll position alone.
pub const ROW_HEIGHT: usize = 36;
/// Rows rendered above and below the visible ones, so a fast scroll does not show blank space.
const OVERSCAN: usize = 10;
/// Height of the scrolling area in pixels.
const VIEWPORT_HEIGHT: usize = 540;

/// The seats loaded, with the grid's index of them and what the grid needs to know about where they came
/// from. (The core's `plan::SeatsOfEveryPage` is what a load of every page hands over, before indexing.)
#[derive(Clone)]
pub struct IndexedSeats {
    pub seats: Arc<Vec<Seat>>,
    pub index: Arc<SeatIndex>,
    /// Tells one load from the next: row keys include it, so row 0 of page 2 is never mistaken for row 0
    /// of page 1.
    pub generation: u64,
    /// The organization's plan (its billing summary), for seats that do not say theirs.
    pub organization_plan: Option<PlanType>,
}

impl IndexedSeats {
    pub fn new(seats: Vec<Seat>, organization_plan: Option<PlanType>) -> Self {
        Self::indexed(Arc::new(seats), organization_plan)
    }

    /// The same seats for this organization plan: the index is rebuilt only when the plan differs (the
    /// billing summary may come after the seats).
    pub fn for_plan(&self, organization_plan: Option<PlanType>) -> Self {
        if organization_plan == self.organization_plan {
            self.clone()
        } else {
            Self::indexed(Arc::clone(&self.seats), organization_plan)
        }
    }

    fn indexed(seats: Arc<Vec<Seat>>, organization_plan: Option<PlanType>) -> Self {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let index = SeatIndex::new(&seats, organization_plan);
        let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self { seats, index: Arc::new(index), generation, organization_plan }
    }
}

/// The selected seats, by login (an organization's list holds each login once), and the anchor of the
/// next shift-click.
#[derive(Clone, Copy)]
struct Selection {
    logins: RwSignal<HashSet<String>>,
    anchor: RwSignal<Option<String>>,
}

impl Selection {
    fn new() -> Self {
        Self { logins: RwSignal::new(HashSet::new()), anchor: RwSignal::new(None) }
    }

    fn clear(&self) {
        self.logins.set(HashSet::new());
        self.anchor.set(None);
    }

    /// A plain click toggles the row; a shift-click selects the rows from the anchor to it, in the order shown.
    fn click(&self, login: String, shift: bool, shown: impl FnOnce() -> Vec<String>) {
        if shift {
            let range = select_range(self.anchor.get_untracked().as_ref(), &login, &shown());
            self.logins.update(|logins| logins.extend(range));
        } else {
            self.logins.update(|logins| {
                if !logins.remove(&login) {
                    logins.insert(login.clone());
                }
            });
        }
        self.anchor.set(Some(login));
    }
}

/// The logins of these rows (seats of deleted accounts have none and cannot be selected).
fn logins_of(loaded: &IndexedSeats, rows: impl IntoIterator<Item = usize>) -> Vec<String> {
    login_refs(loaded, rows).map(str::to_owned).collect()
}

/// The same logins, borrowed: for checks that run often and keep nothing.
fn login_refs<'a>(
    loaded: &'a IndexedSeats,
    rows: impl IntoIterator<Item = usize> + 'a,
) -> impl Iterator<Item = &'a str> {
    rows.into_iter().filter_map(|index| loaded.seats.get(index).and_then(Seat::login))
}

impl PartialEq for IndexedSeats {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// The rows in sight for a scroll position: `(first, last)` positions into the view's rows.
pub fn visible_range(scroll_top: i32, row_count: usize) -> (usize, usize) {
    let first_visible = usize::try_from(scroll_top).unwrap_or(0) / ROW_HEIGHT;
    let in_sight = VIEWPORT_HEIGHT.div_ceil(ROW_HEIGHT);
    let first = first_visible.saturating_sub(OVERSCAN).min(row_count);
    let last = (first_visible + in_sight + OVERSCAN).min(row_count);
    (first, last)
}

#[component]
pub fn SeatGrid(
    /// The loaded seats.
    #[prop(into)]
    loaded: Signal<IndexedSeats>,
    /// Shows the organization column and filter (enterprise lists).
    #[prop(default = false)]
    enterprise: bool,
    /// Names export files.
    #[prop(into)]
    scope_name: String,
    /// Which set of seats is loaded, said beside every figure and in export file names.
    #[prop(into, optional)]
    coverage: Signal<SeatCoverage>,
) -> impl IntoView {
    let view_url = use_view_url();
    let grid_state = Memo::new(move |_| view_url.state.with(|state| state.grid.clone()));
    let prices = RwSignal::new(SeatPrices::default());
    let now = RwSignal::new(crate::clock::now_utc());
    let view: Memo<Arc<GridView>> = Memo::new(move |_| {
        let loaded = loaded.get();
        Arc::new(grid_state.with(|state| grid_view(&loaded.index, state, &prices.get(), now.get())))
    });
    let columns: Vec<Column> =
        if enterprise { Column::ALL.to_vec() } else { Column::for_organization().collect::<Vec<_>>() };
    let column_count = columns.len();
    let export_problem = RwSignal::new(None::<String>);
    let scope_name_for_selection = scope_name.clone();

    let export = move |format: &'static str, only_view: bool| {
        let loaded = loaded.get_untracked();
        let threshold = grid_state.with_untracked(|s| s.threshold_days);
        let at = now.get_untracked();
        let seats: Vec<&Seat> = if only_view {
            view.with_untracked(|v| v.rows.iter().filter_map(|&i| loaded.seats.get(i)).collect())
        } else {
            loaded.seats.iter().collect()
        };
        let plan = loaded.organization_plan;
        // Every row says which set it was taken from, and what GitHub left out for SSO.
        let result = coverage.with_untracked(|coverage| match format {
            "csv" => seats_to_csv(seats, at, threshold, plan, coverage).map(|text| (text, "text/csv")),
            _ => seats_to_json(seats, at, threshold, plan, coverage).map(|text| (text, "application/json")),
        });
        let outcome = result.map_err(|error| error.to_string()).and_then(|(text, mime)| {
            // "…-acme-partial-…" or "…-acme-all-…": a file says whether it holds every seat.
            let named = format!("{scope_name}-{}", coverage.with_untracked(SeatCoverage::file_name_part));
            download(&export_file_name(&named, at, format), mime, &text)
        });
        export_problem.set(outcome.err());
    };
    let export = StoredValue::new(export);

    // Selecting and revoking: organizations only (an enterprise list spans organizations).
    let desk = use_write_desk().filter(|_| !enterprise);
    let selection = desk.map(|_| Selection::new());
    if let Some(selection) = selection {
        // A new load (another page, a re-read after a write) starts with nothing selected.
        Effect::new(move |_| {
            loaded.with(|loaded| loaded.generation);
            selection.clear();
        });
    }
    let columns_shown = column_count + usize::from(selection.is_some());

    view! {
        <section class="card seat-grid" aria-label="Seats">
            <SsoLeftOutWarning coverage test_id="sso-warning" />
            <Toolbar loaded prices enterprise />
            <Summary view prices coverage />
            {desk.zip(selection).map(|(desk, selection)| view! {
                <SelectionBar desk selection loaded view scope_name=scope_name_for_selection.clone() />
            })}
            <div class="export">
                <button type="button" class="secondary" on:click=move |_| export.with_value(|f| f("csv", true))>"Export view as CSV"</button>
                <button type="button" class="secondary" on:click=move |_| export.with_value(|f| f("csv", false))>"Export all as CSV"</button>
                <button type="button" class="secondary" on:click=move |_| export.with_value(|f| f("json", true))>"Export view as JSON"</button>
                {move || export_problem.get().map(|problem| view! { <span class="error" role="alert">{problem}</span> })}
            </div>
            <Table loaded view columns column_count=columns_shown now selection />
        </section>
    }
}

/// Typing fast recomputes the grid at most once per window: the first keystroke applies at once (a single
/// keystroke is never delayed), the ones that follow within the window are folded into one update at its end.
const SEARCH_DEBOUNCE_MS: u64 = 120;

#[derive(Clone)]
struct SearchDebounce {
    view_url: crate::view_url::ViewUrl,
    /// The latest text not applied yet, when a trailing update is scheduled.
    waiting: std::rc::Rc<std::cell::RefCell<Option<String>>>,
    window_ends_ms: std::rc::Rc<std::cell::Cell<u64>>,
}

impl SearchDebounce {
    fn new(view_url: crate::view_url::ViewUrl) -> Self {
        Self { view_url, waiting: Default::default(), window_ends_ms: Default::default() }
    }

    fn type_text(&self, text: String) {
        let now = crate::clock::now_ms();
        let scheduled = self.waiting.borrow().is_some();
        if !scheduled && now >= self.window_ends_ms.get() {
            self.apply(text, now);
            return;
        }
        *self.waiting.borrow_mut() = Some(text);
        if !scheduled {
            let this = self.clone();
            let delay = self.window_ends_ms.get().saturating_sub(now);
            set_timeout(
                move || {
                    let latest = this.waiting.borrow_mut().take();
                    if let Some(text) = latest {
                        this.apply(text, crate::clock::now_ms());
                    }
                },
                std::time::Duration::from_millis(delay),
            );
        }
    }

    fn apply(&self, text: String, now: u64) {
        self.window_ends_ms.set(now + SEARCH_DEBOUNCE_MS);
        // Replaces the history entry: the back button does not step through keystrokes.
        self.view_url.update(false, move |s| s.grid.search = text);
    }
}

#[component]
fn Toolbar(loaded: Signal<IndexedSeats>, prices: RwSignal<SeatPrices>, enterprise: bool) -> impl IntoView {
    let view_url = use_view_url();
    let grid = move || view_url.state.with(|s| s.grid.clone());
    let threshold_text = RwSignal::new(String::new());
    let threshold_problem = RwSignal::new(None::<String>);
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
    let on_price = move |plan: PlanType, text: String| match parse_price_cents(&text) {
        Ok(cents) => {
            price_problem.set(None);
            prices.update(|p| match plan {
                PlanType::Enterprise => p.enterprise_cents = cents,
                _ => p.business_cents = cents,
            });
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
            <fieldset class="statuses">
                <legend>"Status"</legend>
                {[SeatStatus::Active, SeatStatus::Inactive, SeatStatus::NeverUsed, SeatStatus::PendingCancellation]
                    .into_iter().map(status_chip).collect_view()}
            </fieldset>
            <label>
                "Granted by"
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view_url.update(true, move |s| s.grid.team = match value.as_str() {
                        "" => None,
                        "direct" => Some(TeamFilter::Direct),
                        slug => Some(TeamFilter::Team(slug.trim_start_matches("team:").to_owned())),
                    });
                }>
                    <option value="" selected=move || grid().team.is_none()>"Any"</option>
                    {move || options.get().teams.into_iter().map(|option| {
                        let value = match &option.value {
                            TeamFilter::Direct => "direct".to_owned(),
                            TeamFilter::Team(slug) => format!("team:{slug}"),
                        };
                        let selected = grid().team.as_ref() == Some(&option.value);
                        view! { <option value=value selected=selected>{format!("{} ({})", option.label, count(option.count))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Editor"
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view_url.update(true, move |s| s.grid.editor = (!value.is_empty()).then_some(value));
                }>
                    <option value="" selected=move || grid().editor.is_none()>"Any"</option>
                    {move || options.get().editors.into_iter().map(|option| {
                        let selected = grid().editor.as_deref() == Some(option.value.as_str());
                        view! { <option value=option.value.clone() selected=selected>{format!("{} ({})", option.label, count(option.count))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Plan"
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view_url.update(true, move |s| s.grid.plan = match value.as_str() {
                        "business" => Some(PlanType::Business),
                        "enterprise" => Some(PlanType::Enterprise),
                        "unknown" => Some(PlanType::Unknown),
                        _ => None,
                    });
                }>
                    <option value="" selected=move || grid().plan.is_none()>"Any"</option>
                    {move || options.get().plans.into_iter().map(|option| {
                        let selected = grid().plan == Some(option.value);
                        view! { <option value=option.value.as_str() selected=selected>{format!("{} ({})", option.label, count(option.count))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || enterprise>
                <label>
                    "Organization"
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view_url.update(true, move |s| s.grid.organization = (!value.is_empty()).then_some(value));
                    }>
                        <option value="" selected=move || grid().organization.is_none()>"Any"</option>
                        {move || options.get().organizations.into_iter().map(|option| {
                            let selected = grid().organization.as_deref() == Some(option.value.as_str());
                            view! { <option value=option.value.clone() selected=selected>{format!("{} ({})", option.label, count(option.count))}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <fieldset class="prices">
                <legend>"Monthly price per seat"</legend>
                <label>
                    "Business ($)"
                    <input type="text" inputmode="decimal" class="price"
                        prop:value=move || copilot_api::insight::cost::price_input_text(prices.get().business_cents)
                        on:change=move |ev| on_price(PlanType::Business, event_target_value(&ev)) />
                </label>
                <label>
                    "Enterprise ($)"
                    <input type="text" inputmode="decimal" class="price"
                        prop:value=move || copilot_api::insight::cost::price_input_text(prices.get().enterprise_cents)
                        on:change=move |ev| on_price(PlanType::Enterprise, event_target_value(&ev)) />
                </label>
                {move || price_problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
            </fieldset>
        </div>
    }
}

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
fn Summary(view: Memo<Arc<GridView>>, prices: RwSignal<SeatPrices>, coverage: Signal<SeatCoverage>) -> impl IntoView {
    let count_of = move |status: SeatStatus| count(view.with(|v| v.total_counts.get(status)));
    view! {
        <div class="summary" aria-live="polite">
            <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat()) data-testid="coverage">
                {move || coverage.with(SeatCoverage::figure_note)}
            </p>
            <dl class="counts">
                <div><dt>"Active"</dt><dd data-testid="count-active">{move || count_of(SeatStatus::Active)}</dd></div>
                <div><dt>"Inactive"</dt><dd data-testid="count-inactive">{move || count_of(SeatStatus::Inactive)}</dd></div>
                <div><dt>"Never used"</dt><dd data-testid="count-never-used">{move || count_of(SeatStatus::NeverUsed)}</dd></div>
                <div><dt>"Pending cancellation"</dt><dd data-testid="count-pending">{move || count_of(SeatStatus::PendingCancellation)}</dd></div>
                <div class="cost">
                    <dt>"Idle seats cost a month"</dt>
                    <dd data-testid="idle-cost">{move || dollars(view.with(|v| v.idle_cost.total_cents()))}</dd>
                </div>
            </dl>
            <p class="hint">
                {move || view.with(|v| format!(
                    "{} inactive ({}) and {} never used ({}), at {} a Business seat and {} an Enterprise seat. Showing {} of {} seats.",
                    count(v.idle_cost.inactive_seats), dollars(v.idle_cost.inactive_cents),
                    count(v.idle_cost.never_used_seats), dollars(v.idle_cost.never_used_cents),
                    dollars(u64::from(prices.get().business_cents)), dollars(u64::from(prices.get().enterprise_cents)),
                    count(v.rows.len()), count(v.statuses.len()),
                ))}
            </p>
        </div>
    }
}

/// Selecting by rule (every seat matching the filter, every inactive one), the count, and "Revoke selected".
#[component]
fn SelectionBar(
    desk: WriteDesk,
    selection: Selection,
    loaded: Signal<IndexedSeats>,
    view: Memo<Arc<GridView>>,
    scope_name: String,
) -> impl IntoView {
    let view_url = use_view_url();
    let threshold = Memo::new(move |_| view_url.state.with(|s| s.grid.threshold_days));
    let matching = Memo::new(move |_| view.with(|v| v.rows.len()));
    let idle = |status: SeatStatus| matches!(status, SeatStatus::Inactive | SeatStatus::NeverUsed);
    let idle_count = Memo::new(move |_| view.with(|v| v.statuses.iter().filter(|&&status| idle(status)).count()));
    let selected = Memo::new(move |_| selection.logins.with(HashSet::len));
    let select_matching = move |_| {
        let logins = loaded.with_untracked(|loaded| view.with_untracked(|v| logins_of(loaded, v.rows.iter().copied())));
        selection.logins.set(logins.into_iter().collect());
    };
    let select_idle = move |_| {
        let logins = loaded.with_untracked(|loaded| {
            view.with_untracked(|v| {
                logins_of(loaded, v.statuses.iter().enumerate().filter(|(_, &status)| idle(status)).map(|(i, _)| i))
            })
        });
        selection.logins.set(logins.into_iter().collect());
        // Show what was selected: the inactive and never-used seats.
        view_url.update(true, |s| {
            s.grid.statuses = [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect();
        });
    };
    let revoke = move |_| {
        let loaded = loaded.get_untracked();
        let chosen: Vec<&Seat> = selection.logins.with_untracked(|logins| {
            loaded.seats.iter().filter(|seat| seat.login().is_some_and(|login| logins.contains(login))).collect()
        });
        let proposal = Proposal::Selection {
            org: scope_name.clone(),
            selected: chosen.len(),
            selection: plan_revocation(&chosen),
        };
        desk.proposal.set(Some(proposal));
    };
    view! {
        <div class="selection-bar" role="group" aria-label="Selection">
            <button type="button" class="secondary" on:click=select_matching disabled=move || matching.get() == 0>
                {move || format!("Select all {} matching the filter", count(matching.get()))}
            </button>
            <button type="button" class="secondary" on:click=select_idle disabled=move || idle_count.get() == 0>
                {move || format!(
                    "Select all inactive ({}: no Copilot activity in the last {} days, or none ever)",
                    count(idle_count.get()), count(threshold.get()),
                )}
            </button>
            <button type="button" class="secondary" on:click=move |_| selection.clear()
                disabled=move || selected.get() == 0>"Clear selection"</button>
            <span class="selected-count" data-testid="selected-count" aria-live="polite">
                {move || format!("{} selected", count(selected.get()))}
            </span>
            <button type="button" class="danger" on:click=revoke
                disabled=move || selected.get() == 0 || desk.refusing_setting().is_some()>"Revoke selected…"</button>
        </div>
        {move || desk.refusing_setting().map(|setting| view! { <SettingRefusal setting /> })}
    }
}

#[component]
fn Table(
    loaded: Signal<IndexedSeats>,
    view: Memo<Arc<GridView>>,
    columns: Vec<Column>,
    column_count: usize,
    now: RwSignal<DateTime<Utc>>,
    selection: Option<Selection>,
) -> impl IntoView {
    let view_url = use_view_url();
    let scroll_top = RwSignal::new(0_i32);
    let sort = Memo::new(move |_| view_url.state.with(|s| s.grid.sort));
    let range = Memo::new(move |_| view.with(|v| visible_range(scroll_top.get(), v.rows.len())));
    let visible = move || {
        let (first, last) = range.get();
        let generation = loaded.with(|l| l.generation);
        view.with(|v| {
            v.rows
                .get(first..last)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(offset, &seat)| (generation, first + offset, seat, v.status(seat).unwrap_or(SeatStatus::Active)))
                .collect::<Vec<_>>()
        })
    };
    // The rows shown, in order, for a shift-click range (all of them, not only those in the DOM).
    let shown =
        move || loaded.with_untracked(|loaded| view.with_untracked(|v| logins_of(loaded, v.rows.iter().copied())));
    let select_header = selection.map(|selection| {
        // Runs at every change of the view: no copy of the shown logins, and nothing at all while nothing is
        // selected (100,000 logins copied at each keystroke would be felt).
        let all_selected = move || {
            selection.logins.with(|selected| {
                !selected.is_empty()
                    && loaded.with_untracked(|loaded| {
                        view.with_untracked(|v| {
                            let mut logins = login_refs(loaded, v.rows.iter().copied()).peekable();
                            logins.peek().is_some() && logins.all(|login| selected.contains(login))
                        })
                    })
            })
        };
        view! {
            <th scope="col" class="select">
                <input type="checkbox" aria-label="Select all matching the filter"
                    prop:checked=move || { view.track(); all_selected() }
                    on:change=move |ev| {
                        if event_target_checked(&ev) {
                            selection.logins.set(shown().into_iter().collect());
                        } else {
                            selection.clear();
                        }
                    } />
            </th>
        }
    });
    let header_cells = columns
        .iter()
        .map(|&column| {
            let aria_sort = move || match sort.get() {
                Some((c, SortDirection::Ascending)) if c == column => "ascending",
                Some((c, SortDirection::Descending)) if c == column => "descending",
                _ => "none",
            };
            view! {
                <th scope="col" aria-sort=aria_sort>
                    <button type="button" class="sort"
                        on:click=move |_| view_url.update(true, |s| s.grid.sort = sort_after_click(s.grid.sort, column))>
                        {column.label()}
                    </button>
                </th>
            }
        })
        .collect_view();
    let columns = StoredValue::new(columns);

    view! {
        // Sizes are set as `style:` properties (the CSSOM, which the Content-Security-Policy does not govern),
        // never as `style="…"` attributes, which would need `style-src-attr 'unsafe-inline'`.
        // No scroll anchoring: the browser would move the scroll position whenever the top spacer grows,
        // which moves the rendered range, which grows the spacer again.
        <div class="table-viewport" style:height=format!("{VIEWPORT_HEIGHT}px") style:overflow-anchor="none"
            on:scroll=move |ev| scroll_top.set(event_target::<web_sys::Element>(&ev).scroll_top())>
            <table role="grid" aria-rowcount=move || view.with(|v| v.rows.len() + 1)>
                <thead><tr>{select_header}{header_cells}</tr></thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", range.get().0 * ROW_HEIGHT)>
                        <td colspan=column_count></td>
                    </tr>
                    <For each=visible key=|row| *row let((_generation, position, seat_index, status))>
                        {move || {
                            let loaded = loaded.get_untracked();
                            let seat = loaded.seats.get(seat_index).cloned();
                            let at = now.get_untracked();
                            seat.map(|seat| {
                                let select = selection.map(|selection| select_cell(selection, seat.login(), shown));
                                view! {
                                    // Row 1 is the header: the first seat is row 2 of `aria-rowcount`.
                                    <tr style:height=format!("{ROW_HEIGHT}px") aria-rowindex=position + 2
                                        data-login=seat.login().unwrap_or("ghost").to_owned()>
                                        {select}
                                        {columns.with_value(|columns| columns.iter().map(|&column| cell(column, &seat, &loaded, seat_index, status, at)).collect_view())}
                                    </tr>
                                }
                            })
                        }}
                    </For>
                    <tr class="spacer" aria-hidden="true"
                        style:height=move || format!("{}px", view.with(|v| v.rows.len().saturating_sub(range.get().1)) * ROW_HEIGHT)>
                        <td colspan=column_count></td>
                    </tr>
                </tbody>
            </table>
            <Show when=move || view.with(|v| v.rows.is_empty())>
                <p class="empty">"No seat matches these filters."</p>
            </Show>
        </div>
    }
}

/// The row's checkbox; a seat of a deleted account has no login to select by.
fn select_cell(selection: Selection, login: Option<&str>, shown: impl Fn() -> Vec<String> + Copy + 'static) -> AnyView {
    let Some(login) = login.map(str::to_owned) else { return view! { <td class="select"></td> }.into_any() };
    let checked_login = login.clone();
    view! {
        <td class="select">
            <input type="checkbox" aria-label=format!("Select {login}")
                prop:checked=move || selection.logins.with(|logins| logins.contains(&checked_login))
                on:click=move |ev: leptos::ev::MouseEvent| selection.click(login.clone(), ev.shift_key(), shown) />
        </td>
    }
    .into_any()
}

fn cell(
    column: Column,
    seat: &Seat,
    loaded: &IndexedSeats,
    seat_index: usize,
    status: SeatStatus,
    now: DateTime<Utc>,
) -> AnyView {
    let row = loaded.index.row(seat_index);
    match column {
        Column::Login => {
            let login = seat.login().unwrap_or("ghost").to_owned();
            let profile =
                seat.assignee.as_ref().and_then(|user| user.html_url.clone()).filter(|url| url.starts_with("https://"));
            match profile {
                Some(href) => {
                    view! { <td><a href=href rel="noreferrer noopener" target="_blank">{login}</a></td> }.into_any()
                }
                None => view! { <td>{login}</td> }.into_any(),
            }
        }
        Column::Organization => {
            view! { <td>{seat.organization.as_ref().map(|org| org.login.clone()).unwrap_or_default()}</td> }.into_any()
        }
        Column::GrantedBy => {
            view! { <td>{row.map(|r| r.granted_by_label().to_owned()).unwrap_or_default()}</td> }.into_any()
        }
        Column::Created => {
            view! { <td title=exact_time(&seat.created_at)>{relative_time(&seat.created_at, now)}</td> }.into_any()
        }
        Column::LastActivity => time_cell(seat.last_activity_at.as_ref(), now, "never"),
        Column::LastAuthenticated => time_cell(seat.last_authenticated_at.as_ref(), now, "—"),
        Column::Editor => {
            let editor = row.and_then(|r| r.editor()).map(|e| e.summary()).unwrap_or_else(|| "—".to_owned());
            view! { <td title=seat.last_activity_editor.clone().unwrap_or_default()>{editor}</td> }.into_any()
        }
        Column::Plan => view! { <td>{row.map(|r| plan_label(r.plan())).unwrap_or("—")}</td> }.into_any(),
        Column::PendingCancellation => match seat.pending_cancellation_date {
            Some(date) => view! { <td title=relative_date(date, now)>{exact_date(date)}</td> }.into_any(),
            None => view! { <td>"—"</td> }.into_any(),
        },
        Column::Status => {
            view! { <td><span class=format!("status status-{}", status.key())>{status.label()}</span></td> }.into_any()
        }
    }
}

fn time_cell(time: Option<&copilot_api::Timestamp>, now: DateTime<Utc>, missing: &'static str) -> AnyView {
    match time {
        Some(time) => view! { <td title=exact_time(time)>{relative_time(time, now)}</td> }.into_any(),
        None => view! { <td>{missing}</td> }.into_any(),
    }
}
