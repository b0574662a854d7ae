"""The report tests use the same workspace with calendars as the import tests."""

from tests.ingest.conftest import workspace  # noqa: F401 - re-exported fixture
