"""Tegak: complaints about the conduct of civil servants, carried to a lawful end."""

__version__ = "0.1.0"
