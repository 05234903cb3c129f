"""Runstrong's metric engine: pure functions over the store's DataFrames (see DOMAIN.md 3-8)."""
