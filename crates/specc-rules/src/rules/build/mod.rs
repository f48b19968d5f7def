//! Codes `specc build` reports while writing a runtime configuration (made by `specc-emit`, never by
//! `specc check`, so they are covered by CLI tests rather than fixtures).

include!(concat!(env!("OUT_DIR"), "/rules_build.rs"));

/// A value of the source that the target has no place for.
pub const FIELD_NOT_EXPRESSIBLE: &str = "build/field-not-expressible";

/// Something the target needs that neither the source nor a flag gives.
pub const MISSING_INPUT: &str = "build/missing-input";

/// The configuration's protocol or flows have no form in the target at all.
pub const INCOMPATIBLE_TARGET: &str = "build/incompatible-target";

