//! What idle seats cost a month: GitHub's list prices by default ($19 a Business seat, $39 an Enterprise
//! seat), editable because contracts differ. Money is kept in whole cents so sums are exact.

use crate::models::PlanType;

use super::status::SeatStatus;

pub const LIST_PRICE_BUSINESS_CENTS: u32 = 1900;
pub const LIST_PRICE_ENTERPRISE_CENTS: u32 = 3900;
/// $100,000 a seat a month: more than any contract, small enough that 100,000 seats cannot overflow.
pub const MAX_PRICE_CENTS: u32 = 10_000_000;

/// The monthly price of one seat on each plan, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatPrices {
    pub business_cents: u32,
    pub enterprise_cents: u32,
}

impl Default for SeatPrices {
    fn default() -> Self {
        Self { business_cents: LIST_PRICE_BUSINESS_CENTS, enterprise_cents: LIST_PRICE_ENTERPRISE_CENTS }
    }
}

impl SeatPrices {
    /// A plan this app does not know is priced as Business, GitHub's cheaper plan: a cost summary should
    /// not overstate waste.
    pub fn monthly_cents(&self, plan: PlanType) -> u32 {
        match plan {
            PlanType::Enterprise => self.enterprise_cents,
            PlanType::Business | PlanType::Unknown => self.business_cents,
        }
    }

    /// The plans a person prices, in the order the price fields show them.
    pub const PRICED_PLANS: [PlanType; 2] = [PlanType::Business, PlanType::Enterprise];

    /// Sets the price of a plan ([`Self::monthly_cents`] reads it back; an unknown plan is Business).
    pub fn set_monthly_cents(&mut self, plan: PlanType, cents: u32) {
        match plan {
            PlanType::Enterprise => self.enterprise_cents = cents,
            PlanType::Business | PlanType::Unknown => self.business_cents = cents,
        }
    }

    /// The price field's label: "Business ($)".
    pub fn field_label(plan: PlanType) -> &'static str {
        match plan {
            PlanType::Enterprise => "Enterprise ($)",
            PlanType::Business | PlanType::Unknown => "Business ($)",
        }
    }
}

/// The plan a seat is billed on: its own `plan_type`; else the organization's (older seat lists carry no
/// plan); else Business.
pub fn effective_plan(seat_plan: Option<PlanType>, organization_plan: Option<PlanType>) -> PlanType {
    let known = |plan: Option<PlanType>| plan.filter(|plan| *plan != PlanType::Unknown);
    known(seat_plan).or(known(organization_plan)).unwrap_or(PlanType::Business)
}

/// The monthly cost of seats that are paid for but not used, by status.
///
/// Counts are of billed seats: GitHub bills a user once however many organizations of an enterprise grant
/// them a seat, so a user is counted once, and only when none of their grants is active.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdleSeatCost {
    pub inactive_seats: u64,
    pub inactive_cents: u64,
    pub never_used_seats: u64,
    pub never_used_cents: u64,
}

impl IdleSeatCost {
    pub fn total_seats(&self) -> u64 {
        self.inactive_seats + self.never_used_seats
    }

    pub fn total_cents(&self) -> u64 {
        self.inactive_cents + self.never_used_cents
    }

    fn add(&mut self, status: SeatStatus, cents: u32) {
        let cents = u64::from(cents);
        match status {
            SeatStatus::Inactive => {
                self.inactive_seats += 1;
                self.inactive_cents = self.inactive_cents.saturating_add(cents);
            }
            SeatStatus::NeverUsed => {
                self.never_used_seats += 1;
                self.never_used_cents = self.never_used_cents.saturating_add(cents);
            }
            SeatStatus::Active | SeatStatus::New | SeatStatus::SignedInNoActivity | SeatStatus::PendingCancellation => {
            }
        }
    }
}

/// One seat as the cost sum sees it. `user` numbers users densely (0..user_count); `None` is a seat whose
/// account is gone, which cannot be matched with any other and so is billed on its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BilledGrant {
    pub user: Option<u32>,
    pub status: SeatStatus,
    pub plan: PlanType,
}

#[derive(Debug, Clone, Copy, Default)]
struct UserBill {
    active: bool,
    idle: Option<(SeatStatus, PlanType)>,
}

/// Sums idle cost over grants, counting each user once: a user with any grant that may be in use (active,
/// new, or signed in without activity) costs nothing idle;
/// otherwise "inactive" beats "never used" (they did use Copilot somewhere) and the dearer plan is billed.
pub(crate) fn idle_cost_of(
    grants: impl IntoIterator<Item = BilledGrant>,
    user_count: usize,
    prices: &SeatPrices,
) -> IdleSeatCost {
    let mut cost = IdleSeatCost::default();
    let mut bills = vec![UserBill::default(); user_count];
    for grant in grants {
        let Some(bill) = grant.user.and_then(|user| bills.get_mut(user as usize)) else {
            cost.add(grant.status, prices.monthly_cents(grant.plan));
            continue;
        };
        match grant.status {
            SeatStatus::Active | SeatStatus::New | SeatStatus::SignedInNoActivity => bill.active = true,
            SeatStatus::PendingCancellation => {}
            status @ (SeatStatus::Inactive | SeatStatus::NeverUsed) => {
                bill.idle = Some(match bill.idle {
                    None => (status, grant.plan),
                    Some((earlier, plan)) => {
                        let status = if earlier == SeatStatus::Inactive { earlier } else { status };
                        let dearer = if prices.monthly_cents(grant.plan) > prices.monthly_cents(plan) {
                            grant.plan
                        } else {
                            plan
                        };
                        (status, dearer)
                    }
                });
            }
        }
    }
    for bill in bills.iter().filter(|bill| !bill.active) {
        if let Some((status, plan)) = bill.idle {
            cost.add(status, prices.monthly_cents(plan));
        }
    }
    cost
}

/// Why a typed price was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("Enter a monthly price per seat, for example 19 or 19.00.")]
    Empty,
    #[error("\u{201c}{0}\u{201d} is not a price. Enter dollars, for example 19 or 39.50.")]
    NotAPrice(String),
    #[error("Write cents after a dot, for example 19.50; a comma only separates thousands (1,250.00).")]
    CommaAsDecimalSeparator,
    #[error("A price has at most two digits after the dot (cents).")]
    TooManyDecimals,
    #[error("A seat price above $100,000.00 a month is surely a typo.")]
    TooLarge,
}

/// Reads a price typed by a person: "19", "19.5", "19.00", "$39", "$1,250.00". Returns cents.
pub fn parse_price_cents(input: &str) -> Result<u32, PriceError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PriceError::Empty);
    }
    let not_a_price = || PriceError::NotAPrice(trimmed.to_owned());
    let number = trimmed.strip_prefix('$').map_or(trimmed, str::trim_start);
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    let mut groups = whole.split(',');
    let first_group = groups.next().unwrap_or_default();
    let other_groups: Vec<&str> = groups.collect();
    if first_group.is_empty() || !is_digits(first_group) {
        return Err(not_a_price());
    }
    if !other_groups.is_empty() {
        // "19,50" is a European decimal, not nineteen hundred and fifty dollars: refuse rather than guess.
        if fraction.is_none() && other_groups.len() == 1 && other_groups[0].len() <= 2 && is_digits(other_groups[0]) {
            return Err(PriceError::CommaAsDecimalSeparator);
        }
        if first_group.len() > 3 || !other_groups.iter().all(|group| group.len() == 3 && is_digits(group)) {
            return Err(not_a_price());
        }
    }
    let cents_text = match fraction {
        None => "00".to_owned(),
        Some(fraction) if !is_digits(fraction) => return Err(not_a_price()),
        Some(fraction) if fraction.len() > 2 => return Err(PriceError::TooManyDecimals),
        Some(fraction) => format!("{fraction:0<2}"),
    };
    let dollars_text: String = std::iter::once(first_group).chain(other_groups).collect();
    let dollars_text = dollars_text.trim_start_matches('0');
    // Eight digits of dollars already exceed the cap; stopping here keeps the parse below in range.
    if dollars_text.len() > 8 {
        return Err(PriceError::TooLarge);
    }
    let dollars: u64 = if dollars_text.is_empty() { 0 } else { dollars_text.parse().map_err(|_| not_a_price())? };
    let cents: u64 = cents_text.parse().map_err(|_| not_a_price())?;
    let total = dollars * 100 + cents;
    u32::try_from(total).ok().filter(|total| *total <= MAX_PRICE_CENTS).ok_or(PriceError::TooLarge)
}

/// Cents as a person would type them back into the price field: `19`, `19.50`.
pub fn price_input_text(cents: u32) -> String {
    if cents.is_multiple_of(100) {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, cents % 100)
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_priced_plan_has_a_field_that_sets_what_it_reads() {
        let mut prices = SeatPrices::default();
        for (plan, cents) in SeatPrices::PRICED_PLANS.into_iter().zip([1_000, 2_000]) {
            prices.set_monthly_cents(plan, cents);
            assert_eq!(prices.monthly_cents(plan), cents);
        }
        assert_eq!(prices, SeatPrices { business_cents: 1_000, enterprise_cents: 2_000 });
        let labels = SeatPrices::PRICED_PLANS.map(SeatPrices::field_label);
        assert_eq!(labels, ["Business ($)", "Enterprise ($)"]);
    }

    fn grant(user: Option<u32>, status: SeatStatus, plan: PlanType) -> BilledGrant {
        BilledGrant { user, status, plan }
    }

    #[test]
    fn list_prices_are_the_defaults() {
        let prices = SeatPrices::default();
        assert_eq!(prices.monthly_cents(PlanType::Business), 1900);
        assert_eq!(prices.monthly_cents(PlanType::Enterprise), 3900);
        assert_eq!(prices.monthly_cents(PlanType::Unknown), 1900);
    }

    #[test]
    fn a_seat_without_a_plan_takes_the_organization_plan_then_business() {
        assert_eq!(effective_plan(Some(PlanType::Enterprise), Some(PlanType::Business)), PlanType::Enterprise);
        assert_eq!(effective_plan(None, Some(PlanType::Enterprise)), PlanType::Enterprise);
        assert_eq!(effective_plan(Some(PlanType::Unknown), Some(PlanType::Enterprise)), PlanType::Enterprise);
        assert_eq!(effective_plan(None, None), PlanType::Business);
        assert_eq!(effective_plan(None, Some(PlanType::Unknown)), PlanType::Business);
    }

    #[test]
    fn idle_cost_adds_inactive_and_never_used_seats_at_their_plan_price() {
        let grants = [
            grant(Some(0), SeatStatus::Inactive, PlanType::Business),
            grant(Some(1), SeatStatus::Inactive, PlanType::Enterprise),
            grant(Some(2), SeatStatus::NeverUsed, PlanType::Enterprise),
            grant(Some(3), SeatStatus::Active, PlanType::Enterprise),
            grant(Some(4), SeatStatus::PendingCancellation, PlanType::Business),
        ];
        let cost = idle_cost_of(grants, 5, &SeatPrices::default());
        assert_eq!(
            cost,
            IdleSeatCost { inactive_seats: 2, inactive_cents: 5800, never_used_seats: 1, never_used_cents: 3900 }
        );
        assert_eq!((cost.total_seats(), cost.total_cents()), (3, 9700));
    }

    #[test]
    fn edited_prices_change_the_cost() {
        let prices = SeatPrices { business_cents: 1500, enterprise_cents: 3000 };
        let grants = [
            grant(Some(0), SeatStatus::Inactive, PlanType::Business),
            grant(None, SeatStatus::NeverUsed, PlanType::Enterprise),
        ];
        assert_eq!(idle_cost_of(grants, 1, &prices).total_cents(), 4500);
    }

    #[test]
    fn a_user_granted_by_several_organizations_is_billed_once() {
        let grants = [
            grant(Some(0), SeatStatus::NeverUsed, PlanType::Business),
            grant(Some(0), SeatStatus::Inactive, PlanType::Business),
            grant(Some(0), SeatStatus::NeverUsed, PlanType::Enterprise),
        ];
        let cost = idle_cost_of(grants, 1, &SeatPrices::default());
        assert_eq!(
            cost,
            IdleSeatCost { inactive_seats: 1, inactive_cents: 3900, never_used_seats: 0, never_used_cents: 0 }
        );
    }

    #[test]
    fn a_user_active_through_any_organization_is_not_idle() {
        let grants = [
            grant(Some(0), SeatStatus::Inactive, PlanType::Business),
            grant(Some(0), SeatStatus::Active, PlanType::Business),
        ];
        assert_eq!(idle_cost_of(grants, 1, &SeatPrices::default()), IdleSeatCost::default());
    }

    #[test]
    fn seats_of_deleted_accounts_are_billed_one_by_one() {
        let grants = [grant(None, SeatStatus::NeverUsed, PlanType::Business); 3];
        assert_eq!(idle_cost_of(grants, 0, &SeatPrices::default()).never_used_seats, 3);
    }

    #[test]
    fn typed_prices_are_read_in_the_ways_people_write_them() {
        assert_eq!(parse_price_cents("19"), Ok(1900));
        assert_eq!(parse_price_cents("19.00"), Ok(1900));
        assert_eq!(parse_price_cents("19.5"), Ok(1950));
        assert_eq!(parse_price_cents(" $39 "), Ok(3900));
        assert_eq!(parse_price_cents("$ 39.99"), Ok(3999));
        assert_eq!(parse_price_cents("$1,250.00"), Ok(125_000));
        assert_eq!(parse_price_cents("0"), Ok(0));
        assert_eq!(parse_price_cents("0019"), Ok(1900));
        assert_eq!(parse_price_cents("100000"), Ok(MAX_PRICE_CENTS));
    }

    #[test]
    fn typed_prices_that_are_not_prices_are_refused_with_a_reason() {
        assert_eq!(parse_price_cents("  "), Err(PriceError::Empty));
        assert_eq!(parse_price_cents("19,50"), Err(PriceError::CommaAsDecimalSeparator));
        assert_eq!(parse_price_cents("19.999"), Err(PriceError::TooManyDecimals));
        assert_eq!(parse_price_cents("100000.01"), Err(PriceError::TooLarge));
        assert_eq!(parse_price_cents("99999999999999999999"), Err(PriceError::TooLarge));
        for bad in ["-19", "abc", "19$", "1,25,0", ".5", "19.", "19.x", "$", "1 9", "1e3", "12,3456"] {
            assert_eq!(parse_price_cents(bad), Err(PriceError::NotAPrice(bad.trim().to_owned())), "{bad}");
        }
        assert!(PriceError::CommaAsDecimalSeparator.to_string().contains("19.50"));
    }

    #[test]
    fn prices_go_back_into_the_input_as_typed() {
        assert_eq!(price_input_text(1900), "19");
        assert_eq!(price_input_text(1950), "19.50");
        assert_eq!(parse_price_cents(&price_input_text(3999)), Ok(3999));
    }
}
