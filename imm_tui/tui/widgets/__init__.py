"""Widgets of the IMM app."""
