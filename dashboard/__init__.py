"""Putin's 2017 Central Asia tour: a sourced, offline-first map dashboard."""
