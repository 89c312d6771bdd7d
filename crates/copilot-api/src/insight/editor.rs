//! The editor a seat was last used from, read out of GitHub's `last_activity_editor`
//! (`vscode/1.77.3/copilot/1.86.82`: editor, its version, the Copilot plugin, the plugin's version).
//!
//! GitHub documents no grammar for that string and new clients appear often (`copilot-chat/0.14.0` has no
//! editor part at all), so the parts are read by position and anything unexpected is kept as written
//! rather than refused.

use std::cmp::Ordering;

/// What `last_activity_editor` says, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorInfo {
    /// The editor as GitHub spells it (`vscode`, `JetBrains-IC`), or the Copilot client when the string
    /// names no editor (`copilot-chat`).
    pub editor: String,
    /// What a person calls it (`VS Code`, `JetBrains IntelliJ IDEA Community`); the raw id when unknown.
    pub display_name: String,
    pub editor_version: Option<String>,
    pub plugin: Option<String>,
    pub plugin_version: Option<String>,
}

impl EditorInfo {
    /// Reads `editor/version/plugin/plugin-version`, any prefix of it, or garbage. `None` only for an
    /// empty string: anything else is shown as GitHub sent it.
    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.split('/').map(str::trim).filter(|part| !part.is_empty());
        let editor = parts.next()?.to_owned();
        let owned = |part: Option<&str>| part.map(str::to_owned);
        Some(Self {
            display_name: editor_display_name(&editor),
            editor,
            editor_version: owned(parts.next()),
            plugin: owned(parts.next()),
            plugin_version: owned(parts.next()),
        })
    }

    /// What the editor filter compares: the editor id without regard to case.
    pub fn key(&self) -> String {
        self.editor.to_lowercase()
    }

    /// One line for a grid cell: `VS Code 1.77.3 · copilot 1.86.82`.
    pub fn summary(&self) -> String {
        let mut text = self.display_name.clone();
        if let Some(version) = &self.editor_version {
            text.push(' ');
            text.push_str(version);
        }
        if let Some(plugin) = &self.plugin {
            text.push_str(" \u{b7} ");
            text.push_str(plugin);
            if let Some(version) = &self.plugin_version {
                text.push(' ');
                text.push_str(version);
            }
        }
        text
    }
}

/// The name a person knows an editor by; the id itself when this app does not know it.
pub fn editor_display_name(editor_id: &str) -> String {
    let lower = editor_id.to_ascii_lowercase();
    if let Some(code) = lower.strip_prefix("jetbrains-").filter(|code| !code.is_empty()) {
        let product = jetbrains_product(code).map_or_else(|| code.to_ascii_uppercase(), str::to_owned);
        return format!("JetBrains {product}");
    }
    let known = match lower.as_str() {
        "vscode" => "VS Code",
        "vscode-insiders" => "VS Code Insiders",
        "visualstudio" => "Visual Studio",
        "neovim" => "Neovim",
        "vim" => "Vim",
        "xcode" => "Xcode",
        "eclipse" => "Eclipse",
        "emacs" => "Emacs",
        "jetbrains" => "JetBrains",
        "azuredatastudio" => "Azure Data Studio",
        "copilot-chat" => "Copilot Chat",
        "github.com" => "GitHub.com",
        _ => return editor_id.to_owned(),
    };
    known.to_owned()
}

/// JetBrains' product codes, as their IDEs report them.
fn jetbrains_product(code: &str) -> Option<&'static str> {
    Some(match code {
        "ic" => "IntelliJ IDEA Community",
        "iu" => "IntelliJ IDEA Ultimate",
        "pc" => "PyCharm Community",
        "py" => "PyCharm Professional",
        "ps" => "PhpStorm",
        "ws" => "WebStorm",
        "go" => "GoLand",
        "rd" => "Rider",
        "cl" => "CLion",
        "rm" => "RubyMine",
        "db" => "DataGrip",
        "ai" => "Android Studio",
        "rr" => "RustRover",
        "qa" => "Aqua",
        "ds" => "DataSpell",
        "gw" => "Gateway",
        "oc" => "AppCode",
        "jbc" => "Client",
        _ => return None,
    })
}

/// Orders version strings the way people read them: `1.9` before `1.10`, numbers compared as numbers
/// however many digits they have, other text compared as text.
pub fn compare_versions(left: &str, right: &str) -> Ordering {
    let mut left_parts = version_parts(left);
    let mut right_parts = version_parts(right);
    loop {
        match (left_parts.next(), right_parts.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(a), Some(b)) => {
                let order = compare_version_part(a, b);
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

fn version_parts(version: &str) -> impl Iterator<Item = &str> {
    version.split(['.', '-', '+', '_']).filter(|part| !part.is_empty())
}

fn compare_version_part(a: &str, b: &str) -> Ordering {
    let numeric = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    match (numeric(a), numeric(b)) {
        // Without leading zeros, a longer number is a larger one: no parsing, so no overflow.
        (true, true) => {
            let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &str) -> EditorInfo {
        EditorInfo::parse(raw).expect("an editor")
    }

    #[test]
    fn vs_code_strings_split_into_editor_version_plugin_and_plugin_version() {
        let info = parsed("vscode/1.77.3/copilot/1.86.82");
        assert_eq!(info.editor, "vscode");
        assert_eq!(info.display_name, "VS Code");
        assert_eq!(info.editor_version.as_deref(), Some("1.77.3"));
        assert_eq!(info.plugin.as_deref(), Some("copilot"));
        assert_eq!(info.plugin_version.as_deref(), Some("1.86.82"));
    }

    #[test]
    fn jetbrains_product_codes_become_product_names() {
        let info = parsed("JetBrains-IC/233.11799.241/copilot-intellij/1.4.5.4049");
        assert_eq!(info.editor, "JetBrains-IC");
        assert_eq!(info.display_name, "JetBrains IntelliJ IDEA Community");
        assert_eq!(info.editor_version.as_deref(), Some("233.11799.241"));
        assert_eq!(info.plugin.as_deref(), Some("copilot-intellij"));
        assert_eq!(info.plugin_version.as_deref(), Some("1.4.5.4049"));
        assert_eq!(parsed("JetBrains-PY/2024.1").display_name, "JetBrains PyCharm Professional");
        assert_eq!(parsed("JetBrains-ZZ/1").display_name, "JetBrains ZZ");
    }

    #[test]
    fn visual_studio_neovim_and_xcode_are_recognised() {
        let vs = parsed("VisualStudio/17.8.3/copilot-vs/1.143.0.0");
        assert_eq!((vs.display_name.as_str(), vs.plugin_version.as_deref()), ("Visual Studio", Some("1.143.0.0")));
        let neovim = parsed("Neovim/0.9.4/copilot.vim/1.16.0");
        assert_eq!((neovim.display_name.as_str(), neovim.plugin.as_deref()), ("Neovim", Some("copilot.vim")));
        let xcode = parsed("Xcode/15.2/copilot-xcode/0.31.0");
        assert_eq!((xcode.display_name.as_str(), xcode.editor_version.as_deref()), ("Xcode", Some("15.2")));
    }

    #[test]
    fn a_copilot_client_without_an_editor_is_shown_as_the_client() {
        let info = parsed("copilot-chat/0.14.0");
        assert_eq!(info.editor, "copilot-chat");
        assert_eq!(info.display_name, "Copilot Chat");
        assert_eq!(info.editor_version.as_deref(), Some("0.14.0"));
        assert_eq!(info.plugin, None);
        assert_eq!(info.plugin_version, None);
    }

    #[test]
    fn unknown_editors_keep_their_id_as_the_display_name() {
        let info = parsed("SuperIDE/9");
        assert_eq!(info.display_name, "SuperIDE");
        assert_eq!(info.key(), "superide");
    }

    #[test]
    fn garbage_never_panics_and_keeps_what_can_be_read() {
        assert_eq!(EditorInfo::parse(""), None);
        assert_eq!(EditorInfo::parse("   "), None);
        assert_eq!(EditorInfo::parse("///"), None);
        assert_eq!(parsed("//vscode//1.0").editor_version.as_deref(), Some("1.0"));
        assert_eq!(parsed("a/b/c/d/e/f").plugin_version.as_deref(), Some("d"));
        let weird = parsed("\u{0}💥/\u{202e}evil");
        assert_eq!(weird.editor, "\u{0}💥");
        assert_eq!(weird.editor_version.as_deref(), Some("\u{202e}evil"));
        assert_eq!(parsed("JetBrains-").display_name, "JetBrains-");
    }

    #[test]
    fn the_summary_reads_as_one_line() {
        assert_eq!(parsed("vscode/1.77.3/copilot/1.86.82").summary(), "VS Code 1.77.3 \u{b7} copilot 1.86.82");
        assert_eq!(parsed("copilot-chat/0.14.0").summary(), "Copilot Chat 0.14.0");
        assert_eq!(parsed("vim").summary(), "Vim");
    }

    #[test]
    fn versions_compare_numerically_part_by_part() {
        assert_eq!(compare_versions("1.9", "1.10"), Ordering::Less);
        assert_eq!(compare_versions("1.86.82", "1.86.82"), Ordering::Equal);
        assert_eq!(compare_versions("1.2", "1.2.1"), Ordering::Less);
        assert_eq!(compare_versions("2", "10"), Ordering::Less);
        assert_eq!(compare_versions("007", "7"), Ordering::Equal);
        assert_eq!(compare_versions("99999999999999999999999", "1"), Ordering::Greater);
        assert_eq!(compare_versions("1.0-beta", "1.0-alpha"), Ordering::Greater);
        assert_eq!(compare_versions("1.0.0", "1.0.x"), Ordering::Less);
    }
}
