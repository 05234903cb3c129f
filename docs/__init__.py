"""The project's own reference (metrics, formats, rules, the injury signal) and its builder."""
