"""planner: a terminal workload planner for team leaders in Danish social services."""

__version__ = "0.1.0"
