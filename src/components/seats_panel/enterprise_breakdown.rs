//! For an enterprise: unique users next to grants, and the per-organization breakdown, at the grid's
//! threshold, with the set of seats they cover.

use copilot_api::format::count;
use copilot_api::insight::enterprise::NO_ORGANIZATION;
use copilot_api::insight::grid::statuses_at;
use copilot_api::insight::{enterprise_summary, SeatCoverage};
use leptos::prelude::*;

use crate::components::seat_grid::{IndexedSeats, SsoLeftOutWarning};
use crate::view_url::use_view_url;

/// For an enterprise: unique users next to grants, and the per-organization breakdown.
#[component]
pub(super) fn EnterpriseBreakdown(
    #[prop(into)] loaded: Signal<IndexedSeats>,
    #[prop(into)] coverage: Signal<SeatCoverage>,
) -> impl IntoView {
    let view_url = use_view_url();
    let summary = Memo::new(move |_| {
        let rules = view_url.state.with(|s| s.grid.status_rules());
        let now = crate::clock::now_utc();
        loaded.with(|l| enterprise_summary(&l.index, &statuses_at(&l.index, now, rules)))
    });
    view! {
        <section class="card enterprise" aria-labelledby="enterprise-heading">
            <h2 id="enterprise-heading">"Across the enterprise"</h2>
            <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat()) data-testid="enterprise-coverage">
                {move || coverage.with(SeatCoverage::figure_note)}
            </p>
            <SsoLeftOutWarning coverage test_id="enterprise-sso-warning" />
            <dl class="breakdown">
                <div><dt>"Unique users"</dt><dd data-testid="unique-users">{move || count(summary.get().unique_users)}</dd></div>
                <div><dt>"Seat grants"</dt><dd data-testid="grants">{move || count(summary.get().grants)}</dd></div>
                <div><dt>"Users in several organizations"</dt><dd>{move || count(summary.get().users_in_several_organizations)}</dd></div>
            </dl>
            // Five columns do not fit a phone: the table scrolls in its own box, as the grid does.
            <div class="per-org-scroll" tabindex="0" role="region" aria-label="Seats by organization">
                <table class="per-org">
                    <thead><tr><th scope="col">"Organization"</th><th scope="col">"Grants"</th><th scope="col">"Unique users"</th><th scope="col">"Inactive"</th><th scope="col">"Never used"</th></tr></thead>
                    <tbody>
                        {move || summary.get().per_organization.into_iter().map(|share| view! {
                            <tr>
                                <td>{share.organization.unwrap_or_else(|| NO_ORGANIZATION.to_owned())}</td>
                                <td>{count(share.grants)}</td>
                                <td>{count(share.unique_users)}</td>
                                <td>{count(share.counts.inactive)}</td>
                                <td>{count(share.counts.never_used)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
