//! Where the seats come from: one server page at a time (`page`, `per_page` in the URL), or every page
//! with "Load all seats" (progress, Stop, concurrency setting). The grid shows whichever is loaded.
//!
//! Beside it: `load_bar` (the progress of "Load all seats") and `enterprise_breakdown` (an enterprise's
//! figures by organization).

mod enterprise_breakdown;
mod load_bar;

use std::cell::Cell;
use std::rc::Rc;

use copilot_api::insight::grid::DEFAULT_PAGE_SIZE;
use copilot_api::insight::load_sentences::{
    all_loaded, last_page, page_position, seats_in_all, SEATS_PER_PAGE_CHOICES,
};
use copilot_api::insight::SeatCoverage;
use copilot_api::plan::loader::{LoadProgress, LoaderConfig, MAX_CONCURRENCY};
use copilot_api::plan::{loads_every_seat_on_connect, LoadAllSize};
use copilot_api::{ApiError, LinkHeader, OrganizationBilling, PageRequest, PlanType, SsoLeftOut, MAX_PER_PAGE};
use leptos::prelude::*;

use crate::components::error_message::ErrorMessage;
use crate::components::manage::use_write_desk;
use crate::components::seat_grid::{IndexedSeats, SeatGrid};
use crate::loading::{fetch_page, load_all, Tries};
use crate::session::{use_session, Connection};
use crate::view_url::use_view_url;
use enterprise_breakdown::EnterpriseBreakdown;
use load_bar::LoadBar;

/// What is loaded: one server page (with its links), the pages "Load all seats" has read so far (while
/// it runs, or after Stop), or everything; each with the organizations GitHub left out for SAML single
/// sign-on, and when the read that brought it started (`started_ms`).
#[derive(Clone, PartialEq)]
enum Source {
    Page {
        seats: IndexedSeats,
        links: LinkHeader,
        total_seats: Option<u64>,
        sso_left_out: SsoLeftOut,
        started_ms: u64,
    },
    SoFar {
        seats: IndexedSeats,
        total_seats: Option<u64>,
        sso_left_out: SsoLeftOut,
        started_ms: u64,
    },
    All {
        seats: IndexedSeats,
        total_seats: Option<u64>,
        duplicates_removed: usize,
        sso_left_out: SsoLeftOut,
        started_ms: u64,
    },
}

impl Source {
    fn seats(&self) -> &IndexedSeats {
        match self {
            Self::Page { seats, .. } | Self::SoFar { seats, .. } | Self::All { seats, .. } => seats,
        }
    }

    /// When the read that brought these seats started: what they show is true of that moment at the
    /// earliest (a write sent during the read may or may not be in them).
    fn started_ms(&self) -> u64 {
        match self {
            Self::Page { started_ms, .. } | Self::SoFar { started_ms, .. } | Self::All { started_ms, .. } => {
                *started_ms
            }
        }
    }
}

/// How often the seats so far are shown while every seat loads: each showing re-indexes them all.
const SHOW_SEATS_SO_FAR_EVERY_MS: u64 = 500;

#[component]
pub fn SeatsPanel(
    connection: Connection,
    /// The organization's billing summary once read: its plan covers seats that do not name theirs, and
    /// its seat count lets "Load all seats" send its first round without waiting for page 1.
    #[prop(into, optional)]
    billing: Signal<Option<OrganizationBilling>>,
) -> impl IntoView {
    // The last plan known: a billing re-read that fails (or has not come back yet) must not re-index every
    // seat without a plan and back again.
    let organization_plan = Memo::new(move |previous: Option<&Option<PlanType>>| {
        billing.with(|b| b.as_ref().and_then(|b| b.plan_type)).or(previous.copied().flatten())
    });
    let session = use_session();
    let view_url = use_view_url();
    let enterprise = connection.scope.is_enterprise();
    let scope_name = connection.scope.name().to_owned();
    let first_page_only = Memo::new(move |_| view_url.state.with(|s| s.first_page_only));
    let page_request = Memo::new(move |_| {
        view_url.state.with(|s| {
            let per_page = u8::try_from(s.per_page.clamp(1, usize::from(MAX_PER_PAGE))).unwrap_or(MAX_PER_PAGE);
            PageRequest::new(u32::try_from(s.page).unwrap_or(1), per_page)
        })
    });
    let source = RwSignal::new_local(None::<Result<Source, ApiError>>);
    let loading_all = RwSignal::new(false);
    let progress = RwSignal::new(None::<LoadProgress>);
    let stop_flag = StoredValue::new_local(Rc::new(Cell::new(false)));
    let concurrency = RwSignal::new(MAX_CONCURRENCY);

    let all_connection = connection.clone();
    // Every read of the seats (one page, or all of them) takes a number; only the latest may show what it
    // read. A page read that was still retrying when "Load all seats" began must not replace all the seats
    // when it ends.
    let latest_read = StoredValue::new(0_u64);
    let next_read = move || {
        latest_read.update_value(|read| *read += 1);
        latest_read.get_value()
    };
    let load_everything = move || {
        let read = next_read();
        let stop = Rc::new(Cell::new(false));
        stop_flag.set_value(stop.clone());
        loading_all.set(true);
        progress.set(None);
        let (client, scope) = (all_connection.client.clone(), all_connection.scope.clone());
        let expected_seats = billing.with_untracked(|b| b.as_ref().and_then(|b| b.seat_breakdown.total));
        let config = LoaderConfig { expected_seats, ..LoaderConfig::new(concurrency.get_untracked(), MAX_PER_PAGE) };
        // The seats so far replace the page shown once there are more of them, then at most every
        // SHOW_SEATS_SO_FAR_EVERY_MS, so the grid and its figures fill in as pages arrive.
        // With what page 1 said GitHub left out, until the whole load says it all.
        let (shown_before, sso_left_out_before) = source.with_untracked(|s| match s {
            Some(Ok(Source::Page { seats, sso_left_out, .. } | Source::SoFar { seats, sso_left_out, .. })) => {
                (seats.seats.len(), sso_left_out.clone())
            }
            Some(Ok(source)) => (source.seats().seats.len(), SsoLeftOut::default()),
            _ => (0, SsoLeftOut::default()),
        });
        let shown = Cell::new((shown_before, 0_u64));
        let started_ms = crate::clock::now_ms();
        let on_progress = move |p: LoadProgress, seats_so_far: &[copilot_api::Seat]| {
            progress.set(Some(p));
            let (count, at) = shown.get();
            let now = crate::clock::now_ms();
            if seats_so_far.len() > count
                && now.saturating_sub(at) >= SHOW_SEATS_SO_FAR_EVERY_MS
                && latest_read.try_get_value() == Some(read)
            {
                shown.set((seats_so_far.len(), now));
                source.set(Some(Ok(Source::SoFar {
                    started_ms,
                    total_seats: p.total_seats,
                    sso_left_out: sso_left_out_before.clone(),
                    seats: IndexedSeats::new(seats_so_far.to_vec(), organization_plan.try_get_untracked().flatten()),
                })));
            }
        };
        leptos::task::spawn_local(async move {
            let result = load_all(client, scope, config, stop, on_progress).await;
            loading_all.set(false);
            // `try_`: the panel may be gone by now (another tab, Disconnect), its values with it.
            if latest_read.try_get_value() != Some(read) {
                return;
            }
            match result {
                Ok(loaded) => source.set(Some(Ok(Source::All {
                    started_ms,
                    total_seats: loaded.total_seats,
                    duplicates_removed: loaded.duplicates_removed,
                    sso_left_out: loaded.sso_left_out,
                    seats: IndexedSeats::new(loaded.seats, organization_plan.try_get_untracked().flatten()),
                }))),
                // Stopping keeps what was shown (the seats so far, or the page); only a real failure replaces it.
                Err(ApiError::Cancelled) => {}
                Err(error) => source.set(Some(Err(error))),
            }
        });
    };
    // A load of more pages than half the hour's requests waits for the person's yes (`LoadAllSize`).
    let big_load = RwSignal::new(None::<LoadAllSize>);
    let ask_or_load = {
        let load_everything = load_everything.clone();
        move || {
            let announced = source.with_untracked(|s| match s {
                Some(Ok(
                    Source::Page { total_seats, .. }
                    | Source::SoFar { total_seats, .. }
                    | Source::All { total_seats, .. },
                )) => *total_seats,
                _ => None,
            });
            let total =
                announced.or_else(|| billing.with_untracked(|b| b.as_ref().and_then(|b| b.seat_breakdown.total)));
            match total.map(|total| LoadAllSize::of(total, MAX_PER_PAGE)).filter(LoadAllSize::asks_first) {
                Some(size) => big_load.set(Some(size)),
                None => load_everything(),
            }
        }
    };
    let stop = move |_| stop_flag.with_value(|flag| flag.set(true));
    // A load must not outlive its panel: after Disconnect or "Forget token" it would keep sending requests
    // with the token (up to a thousand pages). Cleanups run before the panel's stored values are dropped.
    on_cleanup(move || {
        stop_flag.try_with_value(|flag| flag.set(true));
    });

    // One server page, re-read when the page, the page size or the session's refresh counter change. When
    // only the counter changed (a write, Refresh) and every seat was loaded, every seat is read again:
    // falling back to page 1 would hide what the write changed.
    let page_connection = connection.clone();
    let reload_everything = load_everything.clone();
    let load_everything_on_connect = load_everything.clone();
    // Every seat is read on connect when there are few enough (`plan::on_connect`); once per panel, so
    // that paging afterwards stays paging.
    let connect_read_done = StoredValue::new(false);
    Effect::new(move |previous: Option<(PageRequest, u32)>| {
        let request = page_request.get();
        let refresh = session.refresh.get();
        if loading_all.get_untracked() {
            return (request, refresh);
        }
        let refresh_only = previous.is_some_and(|(before, counter)| before == request && counter != refresh);
        if refresh_only && source.with_untracked(|s| matches!(s, Some(Ok(Source::All { .. })))) {
            reload_everything();
            return (request, refresh);
        }
        let (client, scope) = (page_connection.client.clone(), page_connection.scope.clone());
        let read = next_read();
        let load_everything_on_connect = load_everything_on_connect.clone();
        let started_ms = crate::clock::now_ms();
        leptos::task::spawn_local(async move {
            let result = fetch_page(&client, &scope, request, None, Tries::AsEveryRead).await;
            // `try_`: a person may have left for another tab before the answer came, and the panel's values
            // are gone with it (reading them would panic).
            if latest_read.try_get_value() != Some(read) {
                return;
            }
            let plan = organization_plan.try_get_untracked().flatten();
            let result = result.map(|answered| Source::Page {
                started_ms,
                total_seats: answered.page.total_seats,
                seats: IndexedSeats::new(answered.page.seats, plan),
                links: answered.link,
                sso_left_out: answered.sso_left_out,
            });
            let load_every_seat = connect_read_done.try_get_value() == Some(false)
                && matches!(&result, Ok(Source::Page { links, total_seats, .. })
                    if loads_every_seat_on_connect(*total_seats, links.next.is_some(),
                        first_page_only.try_get_untracked().unwrap_or(true)));
            if result.is_ok() {
                connect_read_done.set_value(true);
            }
            source.set(Some(result));
            if load_every_seat {
                load_everything_on_connect();
            }
        });
        (request, refresh)
    });
    let go_to_page = move |page: u32| view_url.update(true, move |s| s.page = page as usize);

    // A memo: the index is rebuilt once when the billing summary's plan arrives after the seats, not on
    // every read.
    let loaded = Memo::new(move |_| {
        let plan = organization_plan.get();
        source.with(|s| match s {
            Some(Ok(source)) => source.seats().for_plan(plan),
            _ => IndexedSeats::new(Vec::new(), plan),
        })
    });

    // Which set the figures cover: every seat, or the page (of how many) that is loaded.
    let coverage = Memo::new(move |_| {
        source.with(|s| match s {
            Some(Ok(Source::Page { seats, links, total_seats, sso_left_out, .. })) => SeatCoverage {
                loaded: seats.seats.len(),
                total: *total_seats,
                // The only page there is holds every seat.
                complete: links.next.is_none() && links.prev.is_none(),
                enterprise,
                sso_left_out: sso_left_out.clone(),
                loading: loading_all.get(),
            },
            Some(Ok(Source::SoFar { seats, total_seats, sso_left_out, .. })) => SeatCoverage {
                loaded: seats.seats.len(),
                total: *total_seats,
                complete: false,
                enterprise,
                sso_left_out: sso_left_out.clone(),
                loading: loading_all.get(),
            },
            Some(Ok(Source::All { seats, total_seats, sso_left_out, .. })) => SeatCoverage {
                loaded: seats.seats.len(),
                total: *total_seats,
                complete: true,
                enterprise,
                sso_left_out: sso_left_out.clone(),
                loading: false,
            },
            _ => SeatCoverage { enterprise, ..SeatCoverage::default() },
        })
    });

    // The write desk keeps the seats last read: what the activity log may still restore depends on them.
    if let Some(desk) = use_write_desk().filter(|_| !enterprise) {
        // Only a new read re-stamps the seats, and with the moment that read started: the coverage also
        // changes when "Load all" merely starts, and seats stamped later than their read began would pass
        // for a read after a revocation sent meanwhile.
        Effect::new(move |_| {
            let complete = coverage.with_untracked(|coverage| coverage.complete);
            source.with(|source| {
                if let Some(Ok(source)) = source {
                    desk.seats_were_read(std::sync::Arc::clone(&source.seats().seats), complete, source.started_ms());
                }
            });
        });
    }

    view! {
        <section class="card seat-source" aria-label="Loading seats">
            <div class="row">
                <label>
                    "Seats per page"
                    <select on:change=move |ev| {
                        let per_page = event_target_value(&ev).parse().unwrap_or(DEFAULT_PAGE_SIZE);
                        view_url.update(true, move |s| { s.per_page = per_page; s.page = 1; });
                    }>
                        {SEATS_PER_PAGE_CHOICES.into_iter().map(|n| view! {
                            <option value=n selected=move || view_url.state.with(|s| s.per_page == n)>{n}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || source.with(|s| match s {
                    Some(Ok(Source::Page { links, total_seats, .. })) => {
                        let links = *links;
                        let page = page_request.get().page();
                        let last = last_page(&links, page);
                        view! {
                            <nav class="pager" aria-label="Server pages">
                                <button type="button" class="secondary" disabled=links.prev.is_none()
                                    on:click=move |_| go_to_page(links.prev.unwrap_or(1))>"Previous page"</button>
                                <span data-testid="page-position">{page_position(page, last)}</span>
                                <button type="button" class="secondary" disabled=links.next.is_none()
                                    on:click=move |_| go_to_page(links.next.unwrap_or(page))>"Next page"</button>
                                <span class="hint">{total_seats.map(seats_in_all)}</span>
                            </nav>
                        }.into_any()
                    }
                    Some(Ok(Source::All { seats, total_seats, duplicates_removed, .. })) => view! {
                        <p class="hint" data-testid="all-loaded">
                            {all_loaded(seats.seats.len(), *total_seats, enterprise, *duplicates_removed)}
                        </p>
                    }.into_any(),
                    _ => ().into_any(),
                })}
                <label>
                    "Requests at once"
                    <select on:change=move |ev| concurrency.set(event_target_value(&ev).parse().unwrap_or(MAX_CONCURRENCY))>
                        {(1..=MAX_CONCURRENCY).rev().map(|n| view! {
                            <option value=n selected=move || concurrency.get() == n>{n}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || !loading_all.get() fallback=move || view! {
                    <button type="button" class="secondary" on:click=stop>"Stop"</button>
                }>
                    <button type="button" on:click={
                        let ask_or_load = ask_or_load.clone();
                        move |_| ask_or_load()
                    }>"Load all seats"</button>
                </Show>
            </div>
            {move || big_load.get().map(|size| {
                let load_everything = load_everything.clone();
                view! {
                    <div class="notice" role="group" aria-label="A load of every seat" data-testid="big-load">
                        <p>{size.question()}</p>
                        <button type="button" on:click=move |_| {
                            big_load.set(None);
                            load_everything();
                        }>"Read them all"</button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| big_load.set(None)>"Cancel"</button>
                    </div>
                }
            })}
            {move || progress.get().filter(|_| loading_all.get()).map(|p| view! { <LoadBar progress=p /> })}
        </section>
        {move || source.with(|s| match s {
            None => view! { <p class="loading" role="status">"Loading seats…"</p> }.into_any(),
            Some(Err(error)) => view! { <ErrorMessage error=error.clone() /> }.into_any(),
            Some(Ok(_)) => ().into_any(),
        })}
        <Show when=move || enterprise>
            <EnterpriseBreakdown loaded coverage />
        </Show>
        <SeatGrid loaded enterprise scope_name=scope_name.clone() coverage />
    }
}
