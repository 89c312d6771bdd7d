//! The README's permission table says what the core knows: one row per operation, with its endpoint,
//! scopes and fine-grained permissions.

use copilot_api::Operation;

#[test]
fn the_readme_permission_table_matches_the_operations() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).expect("README.md");
    for operation in Operation::ALL {
        let (method, path) = operation.endpoint().split_once(' ').expect("METHOD path");
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| {} |", operation.title())))
            .unwrap_or_else(|| panic!("no README row for {:?}", operation));
        assert!(row.contains(&format!("`{method} {path}`")), "{row}");
        let scopes: Vec<String> = operation.classic_scopes().iter().map(|s| format!("`{s}`")).collect();
        assert!(row.contains(&scopes.join(", ")), "{row}");
        match operation.fine_grained_permissions() {
            None => assert!(row.contains("not accepted"), "{row}"),
            Some(permission) => {
                let level = if operation.is_write() { "(write)" } else { "(read)" };
                assert!(
                    permission.contains(level) && row.contains(&format!("\"GitHub Copilot Business\" {level}")),
                    "{row}"
                );
            }
        }
    }
}
