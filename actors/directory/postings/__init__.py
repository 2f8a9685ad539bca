"""Posting lists: a one-word search answered from a snapshot of the published fiches' words
(actors.models.postings) instead of ranking every match in SQL. `build` makes a snapshot,
`ranks` reproduces PostgreSQL's relevance rank from it, `read` answers a word."""
