"""Reading: one module per kind of input (Word, PDF, images, legacy Office files), OCR and page clean-up; a file
becomes a `Document` (extractors/model.py). `read.read_file` is the entry."""
