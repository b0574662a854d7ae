"""Orders and revenue actually won, from a CRM or ERP export (docs/method.md): per person to date, and per
product against the `[[products]]` targets. Pure: the plan and a frame of order lines."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from imm_tui.model.orders import ORDER_COLUMNS as ORDER_COLUMNS
from imm_tui.model.plan import Plan

OTHER = "(other)"
"""Revenue of a product the plan does not list (or of lines without a product)."""


def to_date(orders: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The order lines won on or before `as_of`."""
    return orders[orders["day"] <= pd.Timestamp(as_of)] if len(orders) else orders


def person_orders(orders: pd.DataFrame, as_of: date, ids: list[str]) -> pd.DataFrame:
    """Per person (every id, zero without orders): orders (lines of a positive value) and revenue won to date."""
    done = to_date(orders, as_of)
    if not len(done):
        return pd.DataFrame({"orders": 0.0, "revenue": 0.0}, index=pd.Index(ids, name="person"))
    person = done["person"].astype(str)
    counted = (done["value"] > 0).groupby(person).sum()  # a credit note lowers the revenue; it is no order
    revenue = done["value"].groupby(person).sum()
    return pd.DataFrame({"orders": counted.reindex(ids, fill_value=0).astype(float),
                         "revenue": revenue.reindex(ids, fill_value=0.0).astype(float)}, index=pd.Index(ids, name="person"))


PRODUCT_COLUMNS = ("product", "name", "priority", "target", "target_to_date", "revenue", "attainment", "orders", "share_of_revenue",
                   "target_share")


def product_actuals(plan: Plan, orders: pd.DataFrame, as_of: date, share_of_year: float) -> pd.DataFrame:
    """Per `[[products]]` product (in priority order), then `(other)`: revenue won to date against the target
    to date (the year's target × `share_of_year`, the share of the organisation's year of work done), the
    number of order lines, the product's share of all revenue against its share of the product targets."""
    done = to_date(orders, as_of)
    positive = done.assign(count=done["value"] > 0)  # a credit note lowers the revenue; it is no order
    by_product = positive.groupby(done["product"].astype(str)).agg(count=("count", "sum"), sum=("value", "sum")) if len(done) else None
    found = {} if by_product is None else {str(k): (int(c), float(v)) for k, c, v in zip(by_product.index, by_product["count"],
                                                                                          by_product["sum"], strict=True)}
    total = float(done["value"].sum()) if len(done) else 0.0
    all_targets = sum(p.revenue_target for p in plan.products)
    rows = []
    listed = set()
    for product in sorted(plan.products, key=lambda p: (p.priority, p.id)):
        listed.add(product.id)
        count, revenue = found.get(product.id, (0, 0.0))
        target_to_date = product.revenue_target * share_of_year
        rows.append({"product": product.id, "name": product.name, "priority": product.priority, "target": product.revenue_target,
                     "target_to_date": target_to_date, "revenue": revenue,
                     "attainment": revenue / target_to_date if target_to_date > 0 else np.nan, "orders": count,
                     "share_of_revenue": revenue / total if total else np.nan,
                     "target_share": product.revenue_target / all_targets if all_targets else np.nan})
    if by_product is not None:
        rest = by_product[~by_product.index.isin(listed)]
        if len(rest):
            revenue = float(rest["sum"].sum())
            rows.append({"product": OTHER, "name": ", ".join(sorted(str(p) for p in rest.index if p)[:5]) or "", "priority": np.nan,
                         "target": 0.0, "target_to_date": 0.0, "revenue": revenue, "attainment": np.nan,
                         "orders": int(rest["count"].sum()), "share_of_revenue": revenue / total if total else np.nan,
                         "target_share": np.nan})
    return pd.DataFrame(rows, columns=list(PRODUCT_COLUMNS))
