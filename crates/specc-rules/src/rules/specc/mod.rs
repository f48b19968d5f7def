//! Codes about specc's own inputs: files it cannot use, its configuration, its suppressions.

include!(concat!(env!("OUT_DIR"), "/rules_specc.rs"));

/// Code for a file named on the command line that specc does not recognise.
pub const UNSUPPORTED_FILE: &str = "specc/unsupported-file";

/// Code for a file named by another file that resolves outside the unit's directory.
pub const PATH_OUTSIDE_ROOT: &str = specc_syntax::codes::OUTSIDE_ROOT;

/// Code for an invalid `specc.toml`.
pub const INVALID_CONFIG: &str = "specc/invalid-config";

/// Code for a suppression that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "specc/unused-suppression";

/// Code for a baseline entry that hides no finding.
pub const UNMATCHED_BASELINE_ENTRY: &str = "specc/unmatched-baseline-entry";

