"""Near-copy detection, the pure half (issue #19): text → folded tokens without the form's boilerplate →
word shingles → a MinHash signature (datasketch) and its LSH band keys; two texts → the passages they share.

The database-backed index that finds a dossier's look-alikes among every stored one is `pipeline.similar`.
"""
