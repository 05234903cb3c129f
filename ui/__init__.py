"""What every page shares: the cached connection, the cached analysis, the sidebar's filters.

Pages stay thin: they read the filters, take frames from here, and draw. No SQL, no metric logic.
"""
