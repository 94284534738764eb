"""Durable work: the rows that carry everything that must happen after a commit, the leases that
give shared state one owner, and the worker that runs both (docs/architecture.md, "Work is rows")."""
