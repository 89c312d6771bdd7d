//! Adoption: the active share of each granting team (and, for an enterprise, of each organization), the
//! ten highest and the ten lowest.

use std::cmp::Ordering;

use super::chart::{Bar, BarChart, BarFilter};
use super::tally::Tally;
use crate::format::{count, percent, plural};
use crate::insight::grid::{SeatIndex, TeamFilter};

/// How many groups each end of the ranking shows.
pub const ADOPTION_ENDS: usize = 10;

/// What the seats are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Team,
    Organization,
}

/// One group's seats: how many, and how many active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub label: String,
    pub filter: BarFilter,
    pub active: usize,
    pub seats: usize,
}

/// Every group with a seat among the rows, the highest active share first (then the most seats, then
/// by name).
pub(crate) fn adoption_groups(index: &SeatIndex, tally: &Tally, grouping: Grouping) -> Vec<Group> {
    let options = index.filter_options();
    // Slot 0 is "no group" (a direct grant); a group's slot is its filter id + 1.
    let counts = match grouping {
        Grouping::Team => &tally.teams,
        Grouping::Organization => &tally.organizations,
    };
    let group = |slot: usize, label: &str, filter: BarFilter| {
        let [active, seats] = counts.get(slot).copied().unwrap_or_default();
        Some(Group { label: label.to_owned(), filter, active, seats })
    };
    let groups: Vec<Option<Group>> = match grouping {
        Grouping::Team => options
            .teams
            .iter()
            .map(|option| {
                let slot = match &option.value {
                    TeamFilter::Direct => 0,
                    TeamFilter::Team(slug) => index.team_id(slug)? as usize + 1,
                };
                group(slot, &option.label, BarFilter::Team(option.value.clone()))
            })
            .collect(),
        Grouping::Organization => options
            .organizations
            .iter()
            .map(|option| {
                let slot = index.organization_filter_id(&option.value)? as usize + 1;
                group(slot, &option.label, BarFilter::Organization(option.value.clone()))
            })
            .collect(),
    };
    let mut groups: Vec<Group> = groups.into_iter().flatten().filter(|group| group.seats > 0).collect();
    groups.sort_by(by_active_share);
    groups
}

/// The highest active share first (then the most seats, then by name). a.active / a.seats against
/// b.active / b.seats, cross-multiplied in `u128`: two `usize` (32 bits on wasm, 64 natively) cannot
/// overflow it, and an overflowing product would make the order non-total, which `sort_by` may panic on.
fn by_active_share(a: &Group, b: &Group) -> Ordering {
    let wide = |n: usize| n as u128;
    (wide(b.active) * wide(a.seats))
        .cmp(&(wide(a.active) * wide(b.seats)))
        .then_with(|| b.seats.cmp(&a.seats))
        .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
}

pub fn adoption_chart(index: &SeatIndex, tally: &Tally, grouping: Grouping) -> BarChart {
    let groups = adoption_groups(index, tally, grouping);
    let (noun_one, noun_many, id, title, axis) = match grouping {
        Grouping::Team => {
            ("granting team", "granting teams", "adoption-teams", "Adoption by granting team", "Granted by")
        }
        Grouping::Organization => {
            ("organization", "organizations", "adoption-organizations", "Adoption by organization", "Organization")
        }
    };
    let all = groups.len();
    let shown: Vec<&Group> = if all > 2 * ADOPTION_ENDS {
        groups.iter().take(ADOPTION_ENDS).chain(groups.iter().skip(all - ADOPTION_ENDS)).collect()
    } else {
        groups.iter().collect()
    };
    let caption = if all > 2 * ADOPTION_ENDS {
        format!(
            "The {ADOPTION_ENDS} highest and the {ADOPTION_ENDS} lowest active shares of {} {noun_many}.",
            count(all)
        )
    } else if all == 1 {
        format!("The one {noun_one}, highest active share first.")
    } else {
        format!("All {} {noun_many}, highest active share first.", count(all))
    };
    // Seats of an enterprise's list may carry no organization (GitHub leaves it out): not in any group.
    let ungrouped = match grouping {
        Grouping::Team => 0,
        Grouping::Organization => tally.organizations.first().map_or(0, |[_, seats]| *seats),
    };
    let caption = if ungrouped > 0 {
        format!("{caption} Not ranked: {} of no organization.", plural(ungrouped, "seat", "seats"))
    } else {
        caption
    };
    BarChart {
        id,
        title: title.to_owned(),
        category_axis: axis,
        value_axis: "Seats",
        series: vec!["Active", "Not active"],
        bars: shown
            .into_iter()
            .map(|group| Bar {
                label: group.label.clone(),
                values: vec![group.active, group.seats - group.active],
                note: Some(format!("{} active", percent(group.active, group.seats))),
                filter: Some(group.filter.clone()),
            })
            .collect(),
        note_heading: Some("Active share"),
        caption: Some(caption),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::GridState;
    use crate::test_seats::{at, seat};

    #[test]
    fn teams_are_ranked_by_active_share_with_direct_grants_as_a_group() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        let chart = adoption_chart(&index, &Tally::new(&index, &view, at(NOW)), Grouping::Team);
        let bars: Vec<(&str, &[usize], Option<&str>)> =
            chart.bars.iter().map(|b| (b.label.as_str(), b.values.as_slice(), b.note.as_deref())).collect();
        // Hand-counted: devs has mona (active) and alice; Direct has Hubot and octocat; ops has bob (pending).
        assert_eq!(
            bars,
            [
                ("Team devs", &[1, 1][..], Some("50% active")),
                ("Direct", &[0, 2][..], Some("0% active")),
                ("Team ops", &[0, 1][..], Some("0% active")),
            ]
        );
        assert_eq!(chart.bars[1].filter, Some(BarFilter::Team(TeamFilter::Direct)));
        assert_eq!(chart.caption.as_deref(), Some("All 3 granting teams, highest active share first."));
    }

    #[test]
    fn an_enterprise_is_ranked_by_organization_and_only_the_ends_of_a_long_ranking_show() {
        // 25 organizations, organization n with n + 1 seats of which n are active: shares rise with n.
        let seats: Vec<_> = (0..25)
            .flat_map(|org| {
                (0..=org).map(move |n| {
                    let builder = seat(&format!("u{org}-{n}")).org(&format!("org-{org:02}"));
                    if n < org { builder.last_activity("2024-06-30T00:00:00Z") } else { builder }.build()
                })
            })
            .collect();
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        let tally = Tally::new(&index, &view, at(NOW));
        let chart = adoption_chart(&index, &tally, Grouping::Organization);
        assert_eq!(chart.bars.len(), 2 * ADOPTION_ENDS);
        assert_eq!(chart.bars[0].label, "org-24");
        assert_eq!(chart.bars[19].label, "org-00");
        assert_eq!(chart.bars[10].label, "org-09", "org-14 to org-10 are left out");
        assert_eq!(
            chart.caption.as_deref(),
            Some("The 10 highest and the 10 lowest active shares of 25 organizations.")
        );
        let groups = adoption_groups(&index, &tally, Grouping::Organization);
        assert_eq!(groups.iter().map(|g| g.seats).sum::<usize>(), seats.len());
    }

    #[test]
    fn active_shares_of_huge_groups_compare_without_overflow() {
        let group = |label: &str, active: usize, seats: usize| Group {
            label: label.to_owned(),
            filter: BarFilter::Team(TeamFilter::Direct),
            active,
            seats,
        };
        // Products of these counts overflow a usize (32 or 64 bits): the order must still be by share.
        let half = group("half", usize::MAX / 2, usize::MAX - 1);
        let all = group("all", usize::MAX - 1, usize::MAX - 1);
        let none = group("none", 0, usize::MAX);
        let mut groups = vec![half.clone(), none.clone(), all.clone()];
        groups.sort_by(by_active_share);
        assert_eq!(groups, [all, half, none]);
    }

    #[test]
    fn seats_of_no_organization_are_left_out_of_the_ranking_and_the_caption_says_how_many() {
        let seats = vec![seat("a").org("one").build(), seat("b").build(), seat("c").build()];
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        let chart = adoption_chart(&index, &Tally::new(&index, &view, at(NOW)), Grouping::Organization);
        assert_eq!(chart.total(), 1);
        assert_eq!(
            chart.caption.as_deref(),
            Some("The one organization, highest active share first. Not ranked: 2 seats of no organization.")
        );
    }
}
