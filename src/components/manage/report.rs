//! A finished run, name by name: done (confirmed by GitHub's answer, or by reading the seats again),
//! failed with the reason, unconfirmed, or not attempted; and GitHub's own counts.

use copilot_api::format::count;
use copilot_api::plan::WriteReport;
use leptos::prelude::*;

use copilot_api::plan::WriteOutcome;

#[component]
pub fn RunReport(outcome: WriteOutcome) -> impl IntoView {
    let verification_problem = outcome.verification_problem.clone();
    let verified = outcome.reports.iter().any(|report| report.verified);
    view! {
        <div class="run-report">
            {verified.then(|| view! {
                <p class="hint" data-testid="verified">
                    "Some answers did not settle every name (a retry, a failure without a clear answer, or a count "
                    "that differs from the names sent), so the seats were read again: the outcomes below were "
                    "confirmed by reading them."
                </p>
            })}
            {verification_problem.map(|error| view! {
                <div class="error" role="alert">
                    "The seats could not be read again to settle the unclear outcomes, so they stay unconfirmed: "
                    {error.to_string()}
                </div>
            })}
            {outcome.reports.into_iter().map(|report| view! { <PlanReport report /> }).collect_view()}
        </div>
    }
}

#[component]
fn PlanReport(report: WriteReport) -> impl IntoView {
    let counts = report.counts();
    let github_count = match (report.seats_created, report.seats_cancelled) {
        (Some(created), _) => Some(("seats_created", created)),
        (_, Some(cancelled)) => Some(("seats_cancelled", cancelled)),
        _ => None,
    };
    view! {
        <section class="plan-report" aria-label=format!("Report: {}", report.kind.title())>
            <h3>{report.kind.title()} " in " {report.org.clone()}</h3>
            <p role="status" data-testid="report-summary">{report.summary()}</p>
            <dl class="report-counts">
                <div><dt>"Done"</dt><dd data-testid="report-done">{count(counts.done)}</dd></div>
                <div><dt>"Failed"</dt><dd data-testid="report-failed">{count(counts.failed)}</dd></div>
                <div><dt>"Unconfirmed"</dt><dd data-testid="report-unconfirmed">{count(counts.unconfirmed)}</dd></div>
                <div><dt>"Not attempted"</dt><dd data-testid="report-not-attempted">{count(counts.not_attempted)}</dd></div>
                {github_count.map(|(field, answered)| view! {
                    <div class="github-count">
                        <dt>"GitHub answered " <code>{field}</code></dt>
                        <dd data-testid=field>{count(answered)}</dd>
                    </div>
                })}
            </dl>
            {report.stopped_by_user.then(|| view! {
                <p class="notice">"Stopped: no batch was sent after Stop was pressed."</p>
            })}
            {report.stopped_because.clone().map(|reason| view! {
                <div class="error" role="alert">
                    <strong>"The run stopped early, since every later batch would meet the same refusal. "</strong>
                    {reason}
                </div>
            })}
            <div class="report-scroll">
                <table class="report-names">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Outcome"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>
                        {report.per_name.into_iter().map(|line| {
                            let (key, _, reason) = line.outcome.describe();
                            let label = line.outcome_label();
                            let name = line.name.clone();
                            view! {
                                <tr data-name=name data-outcome=key>
                                    <td>{line.name}</td>
                                    <td class=format!("outcome outcome-{key}")>{label}</td>
                                    <td>{reason}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
