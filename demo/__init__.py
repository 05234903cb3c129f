"""The demo athlete: a deterministic generator of 18 months of one runner's logs (python -m demo)."""
