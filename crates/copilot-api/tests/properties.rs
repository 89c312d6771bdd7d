//! No input makes a parser panic: JSON models, the Link header, the error mapper, pasted lists, API bases.

use copilot_api::{
    parse_name_list, ApiBase, ApiError, LinkHeader, NameKind, Operation, OrganizationBilling, ResponseParts, Seat,
    SeatPage, TokenKind,
};
use proptest::prelude::*;

/// Cases per property: a short run in `make test`, minutes of them in `make fuzz` (`FUZZ_CASES`).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
}

/// A seat whose every free-text field is `text`, built through JSON as GitHub's answer would be.
fn seat_with_text(text: &str) -> Option<Seat> {
    serde_json::from_value(serde_json::json!({
        "created_at": "2024-01-01T00:00:00Z",
        "last_activity_editor": text,
        "assignee": { "login": text, "id": 1 },
        "assigning_team": { "id": 2, "name": text, "slug": text },
    }))
    .ok()
}

fn json_like() -> impl Strategy<Value = String> {
    // Mostly JSON-ish text, so the parsers get past the first byte.
    prop_oneof![
        any::<String>(),
        "[{}\\[\\]\":,a-z0-9 .\\-]{0,200}",
        Just(r#"{"total_seats": 1, "seats": [{"created_at": "#.to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn json_models_never_panic(text in json_like()) {
        let _ = serde_json::from_str::<Seat>(&text);
        let _ = serde_json::from_str::<SeatPage>(&text);
        let _ = serde_json::from_str::<OrganizationBilling>(&text);
    }

    #[test]
    fn the_link_header_parser_never_panics(header in any::<String>(), pages in proptest::collection::vec(any::<u32>(), 0..4)) {
        let _ = LinkHeader::parse(&header);
        let built: Vec<String> = pages.iter().map(|p| format!("<https://x/y?page={p}>; rel=\"next\"")).collect();
        let parsed = LinkHeader::parse(&built.join(", "));
        prop_assert_eq!(parsed.next, pages.last().copied());
    }

    #[test]
    fn the_error_mapper_never_panics(status in 0u16..1000, body in json_like(), header_value in any::<String>()) {
        let headers = vec![
            ("x-ratelimit-remaining".to_owned(), header_value.clone()),
            ("x-ratelimit-reset".to_owned(), header_value.clone()),
            ("retry-after".to_owned(), header_value.clone()),
            ("x-github-sso".to_owned(), header_value.clone()),
            ("x-oauth-scopes".to_owned(), header_value),
        ];
        let parts = ResponseParts::new(status, headers, body);
        for operation in Operation::ALL {
            let error = ApiError::from_response(operation, Some(TokenKind::Classic), &parts);
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn pasted_lists_never_panic_and_keep_only_valid_names(input in any::<String>()) {
        let list = parse_name_list(&input, NameKind::User);
        for name in &list.valid {
            prop_assert!(copilot_api::names::is_valid_name(name, NameKind::User));
        }
    }

    #[test]
    fn api_bases_never_panic(input in any::<String>()) {
        if let Ok(base) = ApiBase::custom(&input) {
            prop_assert!(base.as_str().starts_with("http"));
            prop_assert!(!base.as_str().contains(['@', '?', '#']));
        }
        let _ = ApiBase::ghe_com(&input);
    }

    #[test]
    fn the_csv_writer_never_panics_and_never_lets_a_formula_through(
        text in prop_oneof![any::<String>(), "[=+@\t\r-][^\n]{0,20}", "=HYPERLINK\\(\"[a-z:/.]{0,20}\"\\)"]
    ) {
        let Some(seat) = seat_with_text(&text) else { return Ok(()) };
        let now = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default();
        let coverage = copilot_api::insight::SeatCoverage::default();
        let context = copilot_api::insight::ExportContext {
            now,
            rules: copilot_api::insight::StatusRules::default(),
            organization_plan: None,
            coverage: &coverage,
            scope: None,
        };
        let csv = copilot_api::insight::ExportFormat::Csv.write([&seat], &context, |_| Some(text.as_str())).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(rows.len(), 1);
        for cell in rows[0].iter() {
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula cell escaped: {:?}", cell);
        }
        let login = &rows[0][0];
        prop_assert!(login == text || *login == format!("'{text}"), "{:?} became {:?}", text, login);
    }
}
