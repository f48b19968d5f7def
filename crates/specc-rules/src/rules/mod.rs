//! One module per namespace; each lists its rules. Adding a rule adds one line to its namespace's list.

pub mod build;
pub mod elasticio;
pub mod itential;
pub mod keboola;
pub mod membrane;
pub mod oauth;
pub mod openapi;
pub mod probe;
pub mod provider;
pub mod specc;
pub mod syntax;

use crate::Rule;

/// Every rule of every namespace.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut v = Vec::new();
    v.extend(syntax::rules());
    v.extend(specc::rules());
    v.extend(openapi::rules());
    v.extend(itential::rules());
    v.extend(oauth::rules());
    v.extend(elasticio::rules());
    v.extend(membrane::rules());
    v.extend(keboola::rules());
    v.extend(provider::rules());
    v.extend(build::rules());
    v.extend(probe::rules());
    v
}
