"""The record: typed annotations, loading and checking them, dates, memberships, the reference table."""
