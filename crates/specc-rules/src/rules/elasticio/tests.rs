//! Tests of the elasticio rules over small inputs.
