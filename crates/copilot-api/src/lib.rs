//! The pure core of the Copilot seat admin app.
//!
//! Everything here compiles and tests natively: the typed models of GitHub's eight Copilot seat
//! operations, the requests that call them, pagination, the mapping of every failure to a message a
//! person can act on, and the validation of every name a person types. The browser app only moves
//! bytes between this crate and `fetch`.

pub mod api_base;
pub mod connect_fields;
pub mod content_policy;
pub mod error;
pub mod foreign_host;
pub mod format;
pub mod insight;
pub mod models;
pub mod names;
pub mod operation;
pub mod page_parts;
pub mod pagination;
pub mod plan;
pub mod remembered;
pub mod request;
pub mod response;
pub mod scope;
pub mod shared_origin;
pub mod spreadsheet_formula;
pub mod sso;
pub mod token;

/// Seats for the tests of every module, built the way GitHub's answers are.
#[cfg(test)]
mod test_seats;

pub use api_base::{ApiBase, ApiBaseError};
pub use error::{ActionLink, ApiError, ResponseParts, TokenPolicy};
pub use models::*;
pub use names::{parse_name_list, NameKind, NameList, RejectedName};
pub use operation::Operation;
pub use pagination::{page_count, LinkHeader, PageRequest, DEFAULT_PER_PAGE, MAX_PER_PAGE};
pub use remembered::RememberedToken;
pub use request::{ApiRequest, HttpMethod, HttpRequest, RequestOptions};
pub use scope::Scope;
pub use sso::{SsoHeader, SsoLeftOut};
pub use token::{Token, TokenKind};
