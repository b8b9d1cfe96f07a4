"""The backlink store: one SQLite database in the data dir, its schema versioned by migrations.

`database.py` opens it (WAL, foreign keys, one transaction per unit of work) and brings an older
schema up to date; `migrations.py` lists every schema change since version 1. Features keep their
own queries (agent/watch/); later features (audits) add their tables with a new migration.
"""
