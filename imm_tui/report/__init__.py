"""Turning engine frames into what people read: CSV, JSON, text tables (later Excel, Markdown, ICS)."""
