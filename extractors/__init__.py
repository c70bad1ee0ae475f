"""Pure reading and extraction: a file in, a `Document` out (`reading/`); documents in, the contract's fields out
(`fields/`). Nothing here imports `pipeline`, `flows` or Prefect."""
