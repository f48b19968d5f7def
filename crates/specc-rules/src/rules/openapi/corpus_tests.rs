//! Corpus test: every real OpenAPI file of shared/corpus/openapi through the whole pipeline.
