"""Fields: from a dossier's documents to the contract's fields with confidence and provenance. Lines and labels
(`lines`, `ruleset` and the rule files in `rules/`), one module per field family (`text`, `authors`, `sector`),
values (`values`, `names`, `units`) and the plausibility checks; `extract.extract_fields` is the entry."""
