//! Rules of the `elasticio/` namespace.

use crate::Rule;

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![]
}
