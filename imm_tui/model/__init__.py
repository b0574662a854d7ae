"""Pydantic models of the workspace files, their loading, checking and atomic saving.

Imports neither pandas nor textual: this layer must load quickly and be usable anywhere.
"""
