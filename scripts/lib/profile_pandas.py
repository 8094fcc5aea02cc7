#!/usr/bin/env python3
"""The profile's statistics computed with pandas, for scripts/bench-profile --vs-pandas.

    python3 scripts/lib/profile_pandas.py --input FILE --json OUT [--session-gap-seconds 1800] [--top 10]
    python3 scripts/lib/profile_pandas.py --compare OURS.json PANDAS.json

Reads the whole CSV into memory (as pandas does), every row taken as valid: the benchmark gives it files
without malformed rows. Computes what the Spark profile reports, with the same definitions
(docs/PROFILE.md), and writes the same JSON keys, so that the benchmark can compare them number by
number. Money in whole cents: round(price * 100), exact for prices with two decimals.
"""
import argparse
import json

import numpy as np
import pandas as pd

NUMERIC = ["product_id", "category_id", "price", "user_id"]
COLUMNS = ["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price",
           "user_id", "user_session"]


def percent(part, whole):
    return None if whole == 0 else part * 100.0 / whole


def number(value):
    """A JSON-friendly number: NaN becomes None, numpy scalars Python ones."""
    if value is None:
        return None
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def per_value(series, function):
    """function applied to each distinct value once (string methods per row are pandas' slow path)."""
    codes, uniques = pd.factorize(series)
    mapped = function(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    return pd.Series(np.where(codes >= 0, mapped[np.maximum(codes, 0)] if len(mapped) else None, None),
                     index=series.index, dtype=object)


def by_events_then_name(frame, name):
    return frame.sort_values(["events", name], ascending=[False, True], kind="mergesort")


def profile(path, gap_seconds, top):
    df = pd.read_csv(path, dtype={"category_code": object, "brand": object, "user_session": object})
    records = len(df)
    out = {"records": records, "columns": len(df.columns), "malformed_rows": 0}
    out["schema"] = {c: str(df[c].dtype) for c in COLUMNS}

    describe = df[NUMERIC].describe()
    out["describe"] = {c: {"count": int(describe[c]["count"]), "mean": number(describe[c]["mean"]),
                           "std": number(describe[c]["std"]), "min": number(describe[c]["min"]),
                           "p25": number(describe[c]["25%"]), "p50": number(describe[c]["50%"]),
                           "p75": number(describe[c]["75%"]), "max": number(describe[c]["max"])} for c in NUMERIC}
    nulls = df[COLUMNS].isna().sum()
    out["nulls"] = {c: {"count": int(nulls[c]), "percent": percent(int(nulls[c]), records)} for c in COLUMNS}
    out["completeness_percent"] = percent(records * len(COLUMNS) - int(nulls.sum()), records * len(COLUMNS))
    types = df["event_type"].value_counts()
    out["event_types"] = {t: {"count": int(n), "percent": percent(int(n), records)} for t, n in types.items()}

    cents = (df["price"] * 100).round().astype("int64")
    purchase = (df["event_type"] == "purchase").to_numpy()
    view = (df["event_type"] == "view").to_numpy()
    cart = (df["event_type"] == "cart").to_numpy()
    revenue = np.where(purchase, cents, 0)

    brand = per_value(df["brand"], lambda b: b.str.strip().str.lower())
    brands = pd.DataFrame({"brand": brand, "cents": cents, "purchase": purchase, "revenue": revenue})
    brands = brands[brands["brand"].notna() & (brands["brand"] != "")]
    b = brands.groupby("brand").agg(events=("cents", "size"), total=("cents", "sum"),
                                    purchases=("purchase", "sum"), revenue=("revenue", "sum")).reset_index()
    b = by_events_then_name(b, "brand")
    out["brands"] = [{"brand": r.brand, "events": int(r.events), "avg_price": r.total / r.events / 100,
                      "total_value": int(r.total) / 100, "purchases": int(r.purchases),
                      "revenue": int(r.revenue) / 100} for r in b.itertuples()]
    price = out["describe"]["price"]
    out["price"] = {"mean": price["mean"], "median": price["p50"], "std": price["std"], "min": price["min"],
                    "max": price["max"], "q1": price["p25"], "q3": price["p75"]}
    views, carts, purchases = int(view.sum()), int(cart.sum()), int(purchase.sum())
    out["funnel"] = {"views": views, "carts": carts, "purchases": purchases,
                     "view_to_cart_percent": percent(carts, views), "view_to_purchase_percent": percent(purchases, views),
                     "cart_to_purchase_percent": percent(purchases, carts)}

    # Sessions: the user_session, else the user (a session named "42" is not user 42's); sorted by key
    # and time, a new session where the key changes or an event is gap or more after the previous one.
    # Without the " UTC" suffix the format is ISO 8601, which pandas parses on its fast path.
    seconds = pd.to_datetime(df["event_time"].str.slice(0, 19), format="%Y-%m-%d %H:%M:%S") \
        .to_numpy().astype("datetime64[s]").astype("int64")
    session_code, session_ids = pd.factorize(df["user_session"])
    user_code, _ = pd.factorize(df["user_id"])
    key = np.where(session_code >= 0, session_code, len(session_ids) + user_code)
    order = np.lexsort((seconds, key))
    k, t = key[order], seconds[order]
    starts = np.ones(len(k), dtype=bool)
    starts[1:] = (k[1:] != k[:-1]) | (t[1:] - t[:-1] >= gap_seconds)
    session = np.cumsum(starts) - 1
    sessions = int(starts.sum())
    s = pd.DataFrame({"session": session, "t": t, "cart": cart[order], "purchase": purchase[order]})
    g = s.groupby("session").agg(first=("t", "min"), last=("t", "max"), cart=("cart", "any"), purchase=("purchase", "any"))
    with_cart, with_purchase = int(g["cart"].sum()), int(g["purchase"].sum())
    revenue_cents = int(revenue.sum())
    out["session_funnel"] = {
        "sessions": sessions, "sessions_with_cart": with_cart, "sessions_with_purchase": with_purchase,
        "cart_session_percent": percent(with_cart, sessions), "purchase_session_percent": percent(with_purchase, sessions),
        "cart_to_purchase_session_percent": percent(with_purchase, with_cart),
        "avg_events_per_session": None if sessions == 0 else records / sessions,
        "avg_session_seconds": None if sessions == 0 else int((g["last"] - g["first"]).sum()) / sessions,
        "revenue_cents": revenue_cents,
        "avg_order_value_cents": None if with_purchase == 0 else revenue_cents / with_purchase,
        "gap_seconds": gap_seconds}

    out["cardinality"] = {c: {"unique": int(df[c].nunique()), "percent": percent(int(df[c].nunique()), records)}
                          for c in COLUMNS}
    code = df["category_code"]
    top_level_old = per_value(code, lambda c: c.str.split(".", n=1).str[0]).dropna()
    top_level_old = top_level_old[top_level_old != ""].value_counts()
    top_level_old = top_level_old.reset_index().set_axis(["category", "count"], axis=1)
    top_level_old = top_level_old.sort_values(["count", "category"], ascending=[False, True], kind="mergesort").head(10)
    out["categories_top10"] = [{"category": r.category, "count": int(r.count)} for r in top_level_old.itertuples()]
    p = df["price"]
    out["price_segments"] = {"under_50": percent(int((p < 50).sum()), records),
                             "from_50_to_100": percent(int(((p >= 50) & (p < 100)).sum()), records),
                             "from_100_to_200": percent(int(((p >= 100) & (p < 200)).sum()), records),
                             "over_200": percent(int((p >= 200).sum()), records)}

    full = code.fillna("unknown").replace("", "unknown")
    top_level = per_value(full, lambda c: c.str.split(".", n=1).str[0].replace("", "unknown"))
    events = pd.DataFrame({"view": view, "cart": cart, "purchase": purchase, "revenue": revenue})

    def category_table(names):
        c = events.assign(category=names.to_numpy()).groupby("category").agg(
            events=("view", "size"), views=("view", "sum"), carts=("cart", "sum"), purchases=("purchase", "sum"),
            revenue_cents=("revenue", "sum")).reset_index()
        c = by_events_then_name(c, "category").head(top)
        return [{"category": r.category, "events": int(r.events), "views": int(r.views), "carts": int(r.carts),
                 "purchases": int(r.purchases), "revenue_cents": int(r.revenue_cents)} for r in c.itertuples()]
    out["top_categories"] = {"top_level": category_table(top_level), "category_code": category_table(full)}

    # A product's brand and category are those of its latest event; at the same time, the larger
    # (brand, category) pair: the last row after sorting by product, time, brand, category.
    products = pd.DataFrame({"product_id": df["product_id"].to_numpy(), "t": seconds,
                             "brand": brand.fillna("").replace("", "unknown").to_numpy(), "category": full.to_numpy(),
                             "view": view, "cart": cart, "purchase": purchase, "revenue": revenue})
    latest = products.sort_values(["product_id", "t", "brand", "category"], kind="mergesort") \
        .groupby("product_id")[["brand", "category"]].last()
    totals = products.groupby("product_id").agg(views=("view", "sum"), carts=("cart", "sum"),
                                                purchases=("purchase", "sum"), revenue_cents=("revenue", "sum"))
    totals = totals.join(latest).reset_index()

    def product_table(measure):
        t = totals.sort_values([measure, "product_id"], ascending=[False, True], kind="mergesort").head(top)
        return [{"product_id": int(r.product_id), "brand": r.brand, "category": r.category, "views": int(r.views),
                 "carts": int(r.carts), "purchases": int(r.purchases), "revenue_cents": int(r.revenue_cents)}
                for r in t.itertuples()]
    out["top_products"] = {"by_revenue": product_table("revenue_cents"), "by_views": product_table("views")}
    return out


# pandas computes these in float64 from 19-digit ids (about 16 digits): its mean, std and quartiles of
# them are off in the last digits, its std by more on large files (10 million user_ids: 1.7e-4 relative,
# from summing 1.5e18-sized values in float64). They are shown, not judged.
FLOAT64_OF_IDS = {f"/describe/{c}/{s}" for c in ("category_id", "user_id")
                  for s in ("mean", "std", "p25", "p50", "p75")}


def compare(ours, theirs, path="", differences=None, counted=None):
    """Every number and text pandas reports against the Spark profile's: integers and text exactly,
    other numbers to a relative 1e-6, but for FLOAT64_OF_IDS."""
    differences = [] if differences is None else differences
    counted = [0] if counted is None else counted
    if path in FLOAT64_OF_IDS:
        if ours is not None and theirs is not None and abs(ours - theirs) > 1e-9 * max(abs(ours), abs(theirs)):
            print(f"  not judged (pandas' float64 of 19-digit ids) {path}: ours {ours}, pandas {theirs}, "
                  f"relative {abs(ours - theirs) / max(abs(ours), abs(theirs)):.1e}")
        return differences, counted[0]
    if isinstance(theirs, dict):
        for key, value in theirs.items():
            if key not in ours:
                differences.append(f"{path}/{key}: missing in ours")
            else:
                compare(ours[key], value, f"{path}/{key}", differences, counted)
    elif isinstance(theirs, list):
        if len(theirs) != len(ours):
            differences.append(f"{path}: {len(ours)} entries, pandas {len(theirs)}")
        for i, (a, b) in enumerate(zip(ours, theirs)):
            compare(a, b, f"{path}[{i}]", differences, counted)
    else:
        counted[0] += 1
        exact = theirs is None or isinstance(theirs, (str, bool)) or (isinstance(theirs, int) and isinstance(ours, int))
        if exact:
            if ours != theirs:
                differences.append(f"{path}: ours {ours}, pandas {theirs}")
        elif ours is None or abs(ours - theirs) > 1e-6 * max(abs(ours), abs(theirs)):
            differences.append(f"{path}: ours {ours}, pandas {theirs}")
    return differences, counted[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input")
    parser.add_argument("--json")
    parser.add_argument("--session-gap-seconds", type=int, default=1800)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--compare", nargs=2, metavar=("OURS", "PANDAS"))
    args = parser.parse_args()
    if args.compare:
        with open(args.compare[0]) as a, open(args.compare[1]) as b:
            differences, counted = compare(json.load(a), json.load(b))
        for difference in differences:
            print("  differs: " + difference)
        print(f"{counted} values compared, {len(differences)} differ")
        raise SystemExit(1 if differences else 0)
    if not args.input or not args.json:
        parser.error("--input and --json are required (or --compare)")
    result = profile(args.input, args.session_gap_seconds, args.top)
    with open(args.json, "w") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
