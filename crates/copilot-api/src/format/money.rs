//! Money as people read it: dollars and cents, with thousands separators.

use super::count::group_thousands;

/// Cents as dollars: `$0.05`, `$19.00`, `$1,234.00`.
pub fn dollars(cents: u64) -> String {
    format!("${}.{:02}", group_thousands(&(cents / 100).to_string()), cents % 100)
}

/// Cents as a monthly amount: `$19.00 a month`.
pub fn monthly(cents: u64) -> String {
    format!("{} a month", dollars(cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_read_as_dollars_with_thousands_separators() {
        assert_eq!(dollars(0), "$0.00");
        assert_eq!(dollars(5), "$0.05");
        assert_eq!(dollars(1900), "$19.00");
        assert_eq!(dollars(123_400), "$1,234.00");
        assert_eq!(dollars(100_000_050), "$1,000,000.50");
        assert_eq!(dollars(u64::MAX), "$184,467,440,737,095,516.15");
    }

    #[test]
    fn a_monthly_amount_is_dollars_a_month() {
        assert_eq!(monthly(0), "$0.00 a month");
        assert_eq!(monthly(3_905_000), "$39,050.00 a month");
    }
}
