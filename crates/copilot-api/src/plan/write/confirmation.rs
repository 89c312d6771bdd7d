//! Confirmation: when the person must type the organization's name, and what a write does to the bill.

use super::kind::WriteKind;
use crate::format::{dollars, plural};

/// Above this many seats the person types the organization's name to confirm.
pub const TYPED_CONFIRMATION_ABOVE: usize = 20;
/// What the confirmation dialog says under the cost.
pub const CANNOT_BE_UNDONE: &str = "This cannot be undone from here.";

/// Whether the person must type the organization's name before a write to this many seats.
pub fn needs_typed_confirmation(seat_count: usize) -> bool {
    seat_count > TYPED_CONFIRMATION_ABOVE
}

/// Whether what was typed names the organization (spaces around it and case do not matter).
pub fn confirmation_matches(typed: &str, org: &str) -> bool {
    let org = org.trim();
    !org.is_empty() && typed.trim().eq_ignore_ascii_case(org)
}

/// What a write does to the monthly bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostEffect {
    /// Change to the monthly bill in cents: positive for assignments, negative for revocations.
    pub monthly_cents: i64,
    pub wording: String,
}

/// The bill's change for `seat_count` seats at `price_cents` a seat a month. Assigned seats are billed
/// from now; revoked seats keep access, and cost, until the end of the current billing cycle.
pub fn cost_effect(kind: WriteKind, seat_count: usize, price_cents: u32) -> CostEffect {
    let amount = (seat_count as u64).saturating_mul(u64::from(price_cents));
    let signed = i64::try_from(amount).unwrap_or(i64::MAX);
    let money = dollars(amount);
    let seats = plural(seat_count, "seat", "seats");
    if kind.is_assign() {
        CostEffect {
            monthly_cents: signed,
            wording: format!("Assigning {seats} adds {money} a month to the bill, billed from now."),
        }
    } else {
        CostEffect {
            monthly_cents: -signed,
            wording: format!(
                "Revoking {seats} lowers the bill by {money} a month. Access and billing end at the end of the current billing cycle, not now."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_twenty_seats_need_the_organization_name_typed() {
        assert!(!needs_typed_confirmation(20));
        assert!(needs_typed_confirmation(21));
        assert!(confirmation_matches("  ACME-corp \n", "acme-corp"));
        assert!(!confirmation_matches("acme", "acme-corp"));
        assert!(!confirmation_matches("", ""), "an empty name confirms nothing");
    }

    #[test]
    fn assigning_is_billed_from_now_and_revoking_ends_with_the_cycle() {
        let assign = cost_effect(WriteKind::AssignUsers, 3, 1_900);
        assert_eq!(assign.monthly_cents, 5_700);
        assert_eq!(assign.wording, "Assigning 3 seats adds $57.00 a month to the bill, billed from now.");
        let revoke = cost_effect(WriteKind::RevokeUsers, 1_000, 3_905);
        assert_eq!(revoke.monthly_cents, -3_905_000);
        assert!(revoke.wording.starts_with("Revoking 1,000 seats lowers the bill by $39,050.00 a month."));
        assert!(revoke.wording.contains("end of the current billing cycle"));
        assert!(cost_effect(WriteKind::RevokeTeams, 1, 1)
            .wording
            .starts_with("Revoking 1 seat lowers the bill by $0.01"));
    }
}
