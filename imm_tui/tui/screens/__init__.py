"""Screens of the IMM app."""
