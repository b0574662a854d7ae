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

from imm_tui.report.formats import parse_number
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
        Binding("s", "sort", "Sort", id="table.sort"),
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

    class CursorMoved(Message):
        """The cursor is on another cell (a pane shows what the column means)."""

        def __init__(self, table: KeyedTable, row: int, column: int) -> None:
            super().__init__()
            self.table, self.row, self.column = table, row, column

        @property
        def control(self) -> KeyedTable:
            return self.table

    def __init__(self, *, id: str | None = None, fixed: int = 1, sortable: bool = True) -> None:  # noqa: A002 - Textual's name
        """`fixed`: the first columns that stay put while the others scroll sideways (a person and their totals);
        `sortable`: `s` sorts by the cursor's column (else the key goes to the table's parent)."""
        super().__init__(id=id)
        self.fixed, self.sortable = max(1, fixed), sortable
        self.pinned: set[str] = set()  # rows kept last whatever the order (the organisation)
        self.group_prefix = "\0"  # rows whose key starts with it (team Σ rows) are left out while sorted
        self.sort_by: tuple[int, bool] | None = None  # (column, descending)
        self.filter_text = ""
        self._source: list[tuple[str, tuple[Cell, ...]]] = []
        self._source_columns: tuple[str, ...] = ()
        self._source_headers: tuple[str, ...] = ()
        self._columns: tuple[str, ...] = ()
        self._headers: tuple[str, ...] = ()
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._rows: list[tuple[Cell, ...]] = []
        self._widths: list[int] = []
        self._first = 1  # the first scrolled column shown right of the fixed ones
        self._lines: dict[tuple[int, int, int, int], Strip] = {}  # (row, first column, cursor column or -1, width)
        self._natural: list[int] = []  # each column's widest text
        self._widths: list[int] = []  # as drawn: natural when the whole table fits, else at most MAX_WIDTH (the last one wider)

    # --- data ------------------------------------------------------------------------------------
    def show(self, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Cell]]], headers: Sequence[str] | None = None) -> None:
        """Show `rows` (key, cells). The cursor stays on its row's key; only changed rows are drawn again.

        `columns` name the columns for code (`get_cell`, `CellSelected.column`); `headers`, when given, are
        what the header line shows instead (the labels in the app's language)."""
        headers = tuple(columns if headers is None else headers)
        if len(headers) != len(columns):
            raise ValueError(f"{len(headers)} headers for {len(columns)} columns")
        if tuple(columns) != self._columns:
            self.sort_by = None  # another table in the same place: its columns mean something else
        self._source = [(key, tuple(cells)) for key, cells in rows]
        self._source_columns, self._source_headers = tuple(columns), headers
        rows = self._arranged()
        cursor_key = self._keys[self.cursor.row] if self._keys and self.cursor.row < len(self._keys) else None
        new_rows = [tuple(cells) for _, cells in rows]
        keys = [key for key, _ in rows]
        if tuple(columns) != self._columns or keys != self._keys or headers != self._headers:
            self._lines.clear()
        else:
            for index, (old, new) in enumerate(zip(self._rows, new_rows, strict=True)):
                if not _same(old, new):
                    self._forget(index)
        self._columns, self._headers, self._keys, self._rows = tuple(columns), tuple(headers), keys, new_rows
        self._index = {key: index for index, key in enumerate(keys)}
        self._natural = [max([len(name), *(len(str(row[i])) for row in new_rows)]) for i, name in enumerate(self._headers)]
        self._fit_widths()
        self.virtual_size = Size(self.size.width, len(self._keys) + 1)
        row = self._index.get(cursor_key, self.cursor.row) if cursor_key is not None else self.cursor.row
        self.move_cursor(row=row, column=self.cursor.column)
        self.refresh()

    def _arranged(self) -> list[tuple[str, tuple[Cell, ...]]]:
        """The rows as shown: those matching the filter, sorted when asked (pinned rows last, Σ rows left out)."""
        rows = self._source
        if self.filter_text:
            wanted = self.filter_text.casefold()
            rows = [(key, cells) for key, cells in rows
                    if key in self.pinned or any(wanted in str(cell).casefold() for cell in cells)]
        if self.sort_by is not None:
            column, descending = self.sort_by
            pinned = [row for row in rows if row[0] in self.pinned]
            body = [row for row in rows if row[0] not in self.pinned and not row[0].startswith(self.group_prefix)]
            numbers = [(row, _number(row[1][column])) for row in body if column < len(row[1])]
            valued = sorted((pair for pair in numbers if pair[1] is not None), key=lambda pair: pair[1], reverse=descending)  # type: ignore[arg-type,return-value]
            texts = sorted((row for row, value in numbers if value is None and str(row[1][column]).strip()),
                           key=lambda row: str(row[1][column]).casefold(), reverse=descending)
            empty = [row for row, value in numbers if value is None and not str(row[1][column]).strip()]
            rows = [row for row, _ in valued] + texts + empty + pinned
        return rows

    def rearrange(self) -> None:
        """Show the last rows again with the current filter and order."""
        if self._source_columns:
            self.show(self._source_columns, list(self._source), self._source_headers)

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.rearrange()

    def action_sort(self) -> None:
        """By the cursor's column: ascending, then descending, then the table's own order again."""
        column = self.cursor.column
        if self.sort_by is None or self.sort_by[0] != column:
            self.sort_by = (column, False)
        elif not self.sort_by[1]:
            self.sort_by = (column, True)
        else:
            self.sort_by = None
        self.rearrange()
        if self.sort_by is None:
            self.notify(t(self, "Back to the table's own order"))
        else:
            header = self._headers[column] if column < len(self._headers) else ""
            self.notify(t(self, "Sorted by {column}, {direction} (s again: {next})", column=header,
                          direction=t(self, "descending") if self.sort_by[1] else t(self, "ascending"),
                          next=t(self, "the table's own order") if self.sort_by[1] else t(self, "descending")))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.sortable if action == "sort" else True

    def go_to_column(self, name: str) -> bool:
        """Put the cursor in the column named `name` (scrolled into view); False when there is none."""
        if name not in self._columns:
            return False
        self.move_cursor(column=self._columns.index(name))
        return True

    @property
    def _fixed(self) -> int:
        """The columns that stay put: as asked while they leave the screen room for others, else the first only."""
        fixed = min(self.fixed, len(self._widths))
        if fixed > 1 and sum(w + GAP for w in self._widths[:fixed]) > 0.6 * max(1, self.size.width):
            return 1
        return max(1, fixed)

    def _fit_widths(self) -> None:
        """No text is cut while the screen has room: every column as wide as its text when the table fits; else
        columns are capped at MAX_WIDTH and the last column takes what room is left (v shows a cut cell)."""
        room = max(1, self.size.width)
        if sum(w + GAP for w in self._natural) <= room:
            self._widths = list(self._natural)
            return
        widths = [min(MAX_WIDTH, w) for w in self._natural]
        if widths:
            left = room - sum(w + GAP for w in widths[:-1]) - GAP
            widths[-1] = max(widths[-1], min(self._natural[-1], left))
        self._widths = widths

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
        if new.column != old.column or new.row != old.row:
            self.post_message(self.CursorMoved(self, new.row, new.column))
        self._keep_visible()
        self.refresh()

    def _keep_visible(self) -> None:
        row, column = self.cursor
        fixed = self._fixed
        first = max(self._first, fixed)
        if column >= fixed:
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
        used = sum(w + GAP for w in self._widths[: self._fixed]) + sum(w + GAP for w in self._widths[first : last + 1])
        return used <= max(1, self.size.width)

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a new theme, or focus gained or lost: every line looks different
        self._lines.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._lines.clear()
        self.post_message(self.CursorMoved(self, self.cursor.row, self.cursor.column))

    def on_blur(self) -> None:
        self._lines.clear()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._keys) + 1)
        self._fit_widths()
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
        fixed = self._fixed
        shown = list(range(fixed))
        used = sum(self._widths[i] + GAP for i in shown)
        for index in range(max(fixed, self._first), len(self._widths)):
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
        fixed_count = self._fixed
        segments = []
        for index in self._visible_columns(width):
            cell = cells[index]
            text, own = (cell.plain, _style(str(cell.style))) if isinstance(cell, Text) else (str(cell), Style.null())
            style = base + own + (fixed if index < fixed_count else Style.null())
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
        rows = len(self._rows)
        self.notify(t(self, "Copied 1 row as TSV") if rows == 1 else t(self, "Copied {rows} rows as TSV", rows=rows))

    def action_show_cell(self) -> None:
        if self._keys:
            self.notify(str(self._rows[self.cursor.row][self.cursor.column]), title=t(self, "Cell"))



def _same(old: tuple[Cell, ...], new: tuple[Cell, ...]) -> bool:
    return len(old) == len(new) and all(
        str(a) == str(b) and (not isinstance(a, Text) or not isinstance(b, Text) or a.style == b.style) and type(a) is type(b)
        for a, b in zip(old, new, strict=True)
    )


def _number(cell: Cell) -> float | None:
    """A cell's value for sorting: `1,368.5` (`1.368,5` in Dutch), `87 %`, `3/6.3` (done of asked: the share) or None
    for text."""
    text = str(cell)
    if "/" in text:
        done, _, asked = (parse_number(part) for part in text.partition("/"))
        if done is None or asked is None:
            return None
        return done / asked if asked else float("inf") if done else 0.0
    return parse_number(text)


def _fit(text: str, width: int) -> str:
    """`text` cut or padded to `width` cells (one line: line breaks become spaces)."""
    line = text.replace("\n", " ")
    return line[: width - 1] + "…" if len(line) > width else line.ljust(width)
