"""Fetching and parsing: feeds, pages, file importers and the one HTTP client. No Django here."""
