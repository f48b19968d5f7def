//! Codes produced while reading files, before any dialect is involved. They are built-ins: the
//! loaders in `specc-syntax` produce them, and these declarations give them their documentation.

include!(concat!(env!("OUT_DIR"), "/rules_syntax.rs"));


