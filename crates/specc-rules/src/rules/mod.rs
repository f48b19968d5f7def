//! The rules, one module per namespace (`rules/<namespace>/`), one file per rule. `build.rs` finds them:
//! it declares a module for each directory here and for each `<name>.rs` in it (not `mod.rs`, not
//! `support/`), and lists every file's `RULE`. Adding a rule is adding its file.

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

use crate::Rule;

/// Every rule of every namespace, namespaces and files in name order.
pub fn all() -> impl Iterator<Item = &'static dyn Rule> {
    NAMESPACES.iter().flat_map(|ns| ns.iter().copied())
}
