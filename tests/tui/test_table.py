"""KeyedTable: keys, the cursor kept on its row's key across refreshes, sideways scrolling with the first
column fixed, selection by Enter and by click, and lines drawn again only for rows that changed."""

from __future__ import annotations

from textual.app import App, ComposeResult

from imm_tui.tui.widgets.table import KeyedTable

COLUMNS = ["person", *(f"W{w:02d}" for w in range(1, 31))]


def rows(value: int = 0, order: list[str] | None = None) -> list[tuple[str, list[str]]]:
    return [(p, [p, *(f"{value + w}" for w in range(1, 31))]) for p in order or ["ann", "bob", "cy", "dee"]]


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.selected: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield KeyedTable(id="t")

    def on_mount(self) -> None:
        table = self.query_one(KeyedTable)
        table.show(COLUMNS, rows())
        table.focus()

    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        self.selected.append((event.key, event.column))


async def test_keys_move_the_cursor_and_enter_selects() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        await pilot.press("j", "j", "down", "k", "right", "enter")
        assert table.cursor == (2, 1) and app.selected == [("cy", "W01")]
        await pilot.press("end")
        assert table.cursor_row == 3
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_the_cursor_stays_on_its_key_when_rows_change_order() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        table.move_cursor(row=table.get_row_index("bob"), column=3)
        table.show(COLUMNS, rows(order=["dee", "cy", "bob", "ann"]))
        await pilot.pause()
        assert table.row_keys[table.cursor_row] == "bob" and table.cursor.column == 3


async def test_sideways_the_first_column_stays_and_the_cursor_column_is_shown() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        await pilot.press(*["right"] * 25)
        await pilot.pause()
        header = table.render_line(0).text
        assert header.startswith("person") and "W25" in header and "W01 " not in header


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        await pilot.click(KeyedTable, offset=(1, 3))  # row 3 of the screen: the third data row
        assert table.cursor == (2, 0)
        await pilot.click(KeyedTable, offset=(1, 3))
        assert app.selected == [("cy", "person")]


async def test_only_changed_rows_are_drawn_again() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        await pilot.pause()
        cached = {key[0] for key in table._lines}
        assert cached >= {1, 2, 3}
        changed = rows()
        changed[2] = ("cy", ["cy", *("x" for _ in range(30))])
        table.show(COLUMNS, changed)
        assert {key[0] for key in table._lines} == cached - {2, table.cursor_row}  # the changed row and the cursor's
        assert str(table.get_cell("cy", "W05")) == "x"


async def test_the_cursor_row_is_always_in_view() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 4)) as pilot:  # a header and three rows fit
        table = app.query_one(KeyedTable)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert table.render_line(3).text.startswith("dee")
