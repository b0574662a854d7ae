"""A table people can live in, drawn only where it is seen.

Textual's DataTable renders every cell of each visible line through Rich, off-screen columns included,
and throws that work away on any change: an edit that moves most figures of a 160 × 54 table took
100–800 ms to show. KeyedTable keeps plain rows, draws the visible rows and the columns that fit (the
first column stays put when the others scroll sideways), and caches each line until its row changes.

Rows are keyed by domain id, so the cursor stays on the same person or setting when the data are
refreshed or the terminal is resized. Keys: arrows and j/k, page up/down, home/end, Enter selects,
y copies the table as TSV, v shows a cut cell in full. A click moves the cursor; a click on the cursor
cell selects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from imm_tui.tui.text import Translated, t

Cell = str | Text
MAX_WIDTH = 48  # a column never grows wider; v shows the whole value
GAP = 2  # spaces between columns


@lru_cache(maxsize=256)
def _style(text: str) -> Style:
    return Style.parse(text) if text else Style.null()


class Coordinate(NamedTuple):
    row: int
    column: int


class KeyedTable(ScrollView, Translated, can_focus=True):
    COMPONENT_CLASSES = {"keyed-table--header", "keyed-table--cursor", "keyed-table--odd", "keyed-table--fixed"}
    DEFAULT_CSS = """
    KeyedTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;  /* columns scroll by the cursor, not by a scrollbar (which would hide the last row) */
        & > .keyed-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .keyed-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .keyed-table--odd { background: $surface-lighten-1 50%; }
        & > .keyed-table--fixed { text-style: bold; }
        & > .keyed-table--cursor { background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground; }
        &:focus > .keyed-table--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1, 0)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1, 0)", "Down", show=False, id="table.down"),
        Binding("left", "cursor(0, -1)", "Left", show=False, id="table.left"),
        Binding("right", "cursor(0, 1)", "Right", show=False, id="table.right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.pagedown"),
        Binding("home", "edge(-1)", "Top", show=False, id="table.top"),
        Binding("end", "edge(1)", "Bottom", show=False, id="table.bottom"),
        Binding("enter", "select", "Select", show=False, id="table.select"),
        Binding("y", "copy", "Copy TSV", id="table.copy"),
        Binding("v", "show_cell", "Full value", show=False, id="table.show"),
    ]

    class CellSelected(Message):
        """Enter (or a click on the cursor cell): the row's key, the column's name and where it is."""

        def __init__(self, table: KeyedTable, key: str, column: str, coordinate: Coordinate) -> None:
            super().__init__()
            self.table, self.key, self.column, self.coordinate = table, key, column, coordinate

        @property
        def control(self) -> KeyedTable:
            return self.table

    cursor = reactive(Coordinate(0, 0), init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's parameter name
        super().__init__(id=id)
        self._columns: tuple[str, ...] = ()
        self._headers: tuple[str, ...] = ()
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._rows: list[tuple[Cell, ...]] = []
        self._widths: list[int] = []
        self._first = 1  # the first scrolled column shown right of the fixed one
        self._lines: dict[tuple[int, int, int, int], Strip] = {}  # (row, first column, cursor column or -1, width)

    # --- data ------------------------------------------------------------------------------------
    def show(self, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Cell]]], headers: Sequence[str] | None = None) -> None:
        """Show `rows` (key, cells). The cursor stays on its row's key; only changed rows are drawn again.

        `columns` name the columns for code (`get_cell`, `CellSelected.column`); `headers`, when given, are
        what the header line shows instead (the labels in the app's language)."""
        headers = tuple(columns if headers is None else headers)
        if len(headers) != len(columns):
            raise ValueError(f"{len(headers)} headers for {len(columns)} columns")
        cursor_key = self._keys[self.cursor.row] if self._keys and self.cursor.row < len(self._keys) else None
        new_rows = [tuple(cells) for _, cells in rows]
        keys = [key for key, _ in rows]
        if tuple(columns) != self._columns or keys != self._keys or headers != self._headers:
            self._lines.clear()
        else:
            for index, (old, new) in enumerate(zip(self._rows, new_rows, strict=True)):
                if not _same(old, new):
                    self._forget(index)
        self._columns, self._headers, self._keys, self._rows = tuple(columns), headers, keys, new_rows
        self._index = {key: index for index, key in enumerate(keys)}
        self._widths = [
            min(MAX_WIDTH, max([len(name), *(len(str(row[i])) for row in new_rows)])) for i, name in enumerate(self._headers)
        ]
        self.virtual_size = Size(self.size.width, len(self._keys) + 1)
        row = self._index.get(cursor_key, self.cursor.row) if cursor_key is not None else self.cursor.row
        self.move_cursor(row=row, column=self.cursor.column)
        self.refresh()

    def _forget(self, row: int) -> None:
        for line in [line for line in self._lines if line[0] == row]:
            del self._lines[line]

    @property
    def row_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def column_names(self) -> list[str]:
        return list(self._columns)

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        return self.cursor.row

    def get_row_index(self, key: str) -> int:
        return self._index[key]

    def get_row_at(self, row: int) -> list[Cell]:
        return list(self._rows[row])

    def get_cell(self, key: str, column: str) -> Cell:
        return self._rows[self._index[key]][self._columns.index(column)]

    # --- cursor and scrolling --------------------------------------------------------------------
    def move_cursor(self, *, row: int | None = None, column: int | None = None) -> None:
        rows, columns = len(self._keys), len(self._columns)
        row = self.cursor.row if row is None else row
        column = self.cursor.column if column is None else column
        self.cursor = Coordinate(max(0, min(row, rows - 1)), max(0, min(column, columns - 1)))

    def watch_cursor(self, old: Coordinate, new: Coordinate) -> None:
        self._forget(old.row)
        self._forget(new.row)
        self._keep_visible()
        self.refresh()

    def _keep_visible(self) -> None:
        row, column = self.cursor
        first = self._first
        if column >= 1:
            first = min(first, column)
            while first < column and not self._fits(first, column):
                first += 1
        if first != self._first:
            self._first = first
            self._lines.clear()
        height = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def _fits(self, first: int, last: int) -> bool:
        used = (self._widths[0] + GAP if self._widths else 0) + sum(w + GAP for w in self._widths[first : last + 1])
        return used <= max(1, self.size.width)

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a new theme, or focus gained or lost: every line looks different
        self._lines.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._lines.clear()

    def on_blur(self) -> None:
        self._lines.clear()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._keys) + 1)
        self._lines.clear()
        self._keep_visible()

    def action_cursor(self, rows: int, columns: int) -> None:
        self.move_cursor(row=self.cursor.row + rows, column=self.cursor.column + columns)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self.cursor.row + direction * max(1, self.size.height - 2))

    def action_edge(self, direction: int) -> None:
        self.move_cursor(row=0 if direction < 0 else len(self._keys) - 1)

    def action_select(self) -> None:
        if self._keys and self._columns:
            row, column = self.cursor
            self.post_message(self.CellSelected(self, self._keys[row], self._columns[column], Coordinate(row, column)))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        column = self._column_at(event.x)
        if event.y == 0 or not 0 <= row < len(self._keys) or column is None:
            return
        if Coordinate(row, column) == self.cursor:
            self.action_select()
        else:
            self.move_cursor(row=row, column=column)

    def _column_at(self, x: int) -> int | None:
        position = 0
        for index in self._visible_columns(self.size.width):
            position += self._widths[index] + GAP
            if x < position:
                return index
        return None

    # --- drawing ---------------------------------------------------------------------------------
    def _visible_columns(self, width: int) -> list[int]:
        if not self._widths:
            return []
        shown, used = [0], self._widths[0] + GAP
        for index in range(max(1, self._first), len(self._widths)):
            if used >= width:
                break
            shown.append(index)
            used += self._widths[index] + GAP
        return shown

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        row = int(self.scroll_offset.y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, self.rich_style)
        cursor_column = self.cursor.column if row == self.cursor.row else -1
        key = (row, self._first, cursor_column, width)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._draw(row, cursor_column, width)
        return line

    def _header(self, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("keyed-table--header")
        segments = [Segment(_fit(self._headers[i], self._widths[i]) + " " * GAP, style) for i in self._visible_columns(width)]
        return Strip(segments).adjust_cell_length(width, style).crop(0, width)

    def _draw(self, row: int, cursor_column: int, width: int) -> Strip:
        base = self.rich_style
        if row % 2:
            base += self.get_component_rich_style("keyed-table--odd")
        cursor = self.get_component_rich_style("keyed-table--cursor")
        fixed = self.get_component_rich_style("keyed-table--fixed")
        cells = self._rows[row]
        segments = []
        for index in self._visible_columns(width):
            cell = cells[index]
            text, own = (cell.plain, _style(str(cell.style))) if isinstance(cell, Text) else (str(cell), Style.null())
            style = base + own + (fixed if index == 0 else Style.null())
            if index == cursor_column:
                style += cursor
            segments.append(Segment(_fit(text, self._widths[index]), style))
            segments.append(Segment(" " * GAP, base))
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)

    # --- copy and look --------------------------------------------------------------------------
    def action_copy(self) -> None:
        lines = ["\t".join(self._headers)]
        lines += ["\t".join(str(cell) for cell in cells) for cells in self._rows]
        self.app.copy_to_clipboard("\n".join(lines))
        self.notify(t(self, "Copied {rows} rows as TSV", rows=len(self._rows)))

    def action_show_cell(self) -> None:
        if self._keys:
            self.notify(str(self._rows[self.cursor.row][self.cursor.column]), title=t(self, "Cell"))



def _same(old: tuple[Cell, ...], new: tuple[Cell, ...]) -> bool:
    return len(old) == len(new) and all(
        str(a) == str(b) and (not isinstance(a, Text) or not isinstance(b, Text) or a.style == b.style) and type(a) is type(b)
        for a, b in zip(old, new, strict=True)
    )


def _fit(text: str, width: int) -> str:
    """`text` cut or padded to `width` cells (one line: line breaks become spaces)."""
    line = text.replace("\n", " ")
    return line[: width - 1] + "…" if len(line) > width else line.ljust(width)
