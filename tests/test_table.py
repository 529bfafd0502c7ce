from caspian_dash.view.table import COLUMNS, events_table


def test_events_table_rows_newest_first_with_precision_and_source(events):
    table = events_table(events, {"doc": "A report"})
    assert list(table.columns) == COLUMNS
    assert list(table["date"]) == ["8 Oct 2025", "Jul 2024", "12 Aug 2018", "2010"]
    assert list(table["precision"]) == ["day", "month", "day", "year"]
    assert set(table["document"]) == {"A report"}
    assert table.loc[2, "sentence"] == "The summit was held in Aktau."
    assert not table["new"].any()
    assert events_table(events, new_docs={"doc"})["new"].all()


def test_empty_table_keeps_its_columns():
    assert list(events_table([]).columns) == COLUMNS


def test_the_table_says_where_at_sea_an_event_happened(events):
    from caspian_dash.join import SeaPlace

    place = SeaPlace("territorial_sea_KAZ", "territorial_sea", "KAZ", "sector_KAZ", "KAZ")
    table = events_table(events, sea={events[0].id: place})
    by_id = table.set_index("id")["at sea"]
    assert by_id[events[0].id] == "KAZ territorial sea, KAZ sector"
    assert (by_id.drop(events[0].id) == "").all()
