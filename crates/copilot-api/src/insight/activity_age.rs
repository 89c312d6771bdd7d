//! How long ago a seat was last used, in the dashboard's bins (0–7, 8–30, 31–60, 61–90, over 90 days,
//! never): the bins of the activity chart, and the grid filter a click on one of its bars sets (`age` in
//! the URL). Whole days, as [`idle_days_from`] counts them: a day is 24 hours before `now`.

use crate::insight::status::idle_days_from;

/// One bin of days since the last activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActivityAge {
    UpToAWeek,
    UpToAMonth,
    UpToTwoMonths,
    UpToThreeMonths,
    Older,
    /// No activity recorded at all.
    Never,
}

impl ActivityAge {
    /// In the order the chart shows them.
    pub const ALL: [ActivityAge; 6] =
        [Self::UpToAWeek, Self::UpToAMonth, Self::UpToTwoMonths, Self::UpToThreeMonths, Self::Older, Self::Never];

    /// The bin of a seat last active at `last_activity` (epoch seconds; `None`: never).
    pub fn of(last_activity: Option<i64>, now_seconds: i64) -> Self {
        let Some(at) = last_activity else { return Self::Never };
        match idle_days_from(at, now_seconds) {
            ..=7 => Self::UpToAWeek,
            8..=30 => Self::UpToAMonth,
            31..=60 => Self::UpToTwoMonths,
            61..=90 => Self::UpToThreeMonths,
            _ => Self::Older,
        }
    }

    /// The bar's label, in days.
    pub fn label(self) -> &'static str {
        match self {
            Self::UpToAWeek => "0\u{2013}7 days",
            Self::UpToAMonth => "8\u{2013}30 days",
            Self::UpToTwoMonths => "31\u{2013}60 days",
            Self::UpToThreeMonths => "61\u{2013}90 days",
            Self::Older => "Over 90 days",
            Self::Never => "Never used",
        }
    }

    /// The spelling in the URL (`age=31-60`).
    pub fn key(self) -> &'static str {
        match self {
            Self::UpToAWeek => "0-7",
            Self::UpToAMonth => "8-30",
            Self::UpToTwoMonths => "31-60",
            Self::UpToThreeMonths => "61-90",
            Self::Older => "over-90",
            Self::Never => "never",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|age| age.key().eq_ignore_ascii_case(key.trim()))
    }

    /// What the grid's filter chip says: "Last active 31–60 days ago".
    pub fn filter_label(self) -> String {
        match self {
            Self::Never => "Never active".to_owned(),
            age => format!("Last active {} ago", age.label()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::status::SECONDS_PER_DAY as DAY;

    const NOW: i64 = 1_719_748_800; // 2024-06-30T12:00:00Z

    #[test]
    fn each_bin_holds_the_whole_days_its_label_names() {
        let age = |days: i64| ActivityAge::of(Some(NOW - days * DAY), NOW);
        assert_eq!(
            [age(0), age(7), age(8), age(30)],
            [ActivityAge::UpToAWeek, ActivityAge::UpToAWeek, ActivityAge::UpToAMonth, ActivityAge::UpToAMonth]
        );
        assert_eq!(
            [age(31), age(60), age(61), age(90), age(91)],
            [
                ActivityAge::UpToTwoMonths,
                ActivityAge::UpToTwoMonths,
                ActivityAge::UpToThreeMonths,
                ActivityAge::UpToThreeMonths,
                ActivityAge::Older
            ]
        );
        // 7 days and 23 hours is still 7 whole days.
        assert_eq!(ActivityAge::of(Some(NOW - 8 * DAY + 3600), NOW), ActivityAge::UpToAWeek);
    }

    #[test]
    fn no_activity_is_never_and_activity_in_the_future_is_today() {
        assert_eq!(ActivityAge::of(None, NOW), ActivityAge::Never);
        assert_eq!(ActivityAge::of(Some(NOW + 5 * DAY), NOW), ActivityAge::UpToAWeek);
    }

    #[test]
    fn keys_round_trip_and_anything_else_is_no_bin() {
        for age in ActivityAge::ALL {
            assert_eq!(ActivityAge::from_key(age.key()), Some(age));
        }
        assert_eq!(ActivityAge::from_key("7-30"), None);
        assert_eq!(ActivityAge::UpToTwoMonths.filter_label(), "Last active 31\u{2013}60 days ago");
    }
}
