"""Synthetic initiative dossiers with ground truth, for tests and benchmarks (see samples/README.md)."""
