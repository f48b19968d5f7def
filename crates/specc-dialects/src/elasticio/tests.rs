//! Unit tests of elastic.io detection and lowering.
