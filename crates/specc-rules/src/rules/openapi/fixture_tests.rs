//! Fixture test: every entry of fixtures/{openapi,itential,oauth,syntax} through the whole pipeline.
