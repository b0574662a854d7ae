"""A DataTable people can live in: rows keyed by domain id, cursor kept on refresh, only changed cells
updated, j/k and page/home/end, the full value of a cut cell on demand, and copy as TSV."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

Cell = str | Text


class KeyedTable(DataTable[Cell]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("home", "scroll_top", "Top", show=False, id="table.top"),
        Binding("end", "scroll_bottom", "Bottom", show=False, id="table.bottom"),
        Binding("y", "copy", "Copy TSV", id="table.copy"),
        Binding("v", "show_cell", "Full value", show=False, id="table.show"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's parameter name
        super().__init__(id=id, zebra_stripes=True, cursor_type="cell")
        self._columns: tuple[str, ...] = ()
        self._rows: dict[str, tuple[Cell, ...]] = {}

    def show(self, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
        """Show `rows` (key, cells); rebuild only when columns or row keys change, else update changed cells."""
        keys = [key for key, _ in rows]
        if tuple(columns) != self._columns or keys != list(self._rows):
            cursor = self.cursor_coordinate
            self.clear(columns=True)
            for column in columns:
                self.add_column(column, key=column)
            for key, cells in rows:
                self.add_row(*cells, key=key)
            self._columns = tuple(columns)
            self._rows = {key: tuple(cells) for key, cells in rows}
            if self.row_count:
                self.cursor_coordinate = self.validate_cursor_coordinate(cursor)
            return
        for key, cells in rows:
            before = self._rows[key]
            for column, old, new in zip(columns, before, cells, strict=True):
                if str(old) != str(new) or (isinstance(new, Text) and isinstance(old, Text) and new.style != old.style):
                    self.update_cell(key, column, new)
            self._rows[key] = tuple(cells)

    def action_copy(self) -> None:
        lines = ["\t".join(self._columns)]
        lines += ["\t".join(str(cell) for cell in cells) for cells in self._rows.values()]
        self.app.copy_to_clipboard("\n".join(lines))
        self.notify(f"Copied {len(self._rows)} rows as TSV")

    def action_show_cell(self) -> None:
        if self.row_count:
            self.notify(str(self.get_cell_at(self.cursor_coordinate)), title="Cell")
