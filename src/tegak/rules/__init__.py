"""The discipline law by date, in plain Python (no Django)."""
