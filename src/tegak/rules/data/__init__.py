"""Regulations, calendars, schedules and instansi rules as data (reviewed like code)."""
