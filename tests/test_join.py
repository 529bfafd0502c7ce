from caspian_dash.join import event_counts, events_for_feature, feature_ids
from tests.conftest import make_event


def test_feature_ids_join_linked_features_and_state_actors():
    e = make_event(actors=("KAZ", "CSTO"), linked_features=("btc", "aktau", "AZE"))
    assert feature_ids(e) == {"KAZ", "AZE", "btc", "aktau"}


def test_event_counts_and_events_for_feature(events):
    counts = event_counts(events)
    assert counts["KAZ"] == 2 and counts["TKM"] == 1 and counts["NATO"] == 0
    assert [e.id for e in events_for_feature(events, "KAZ")] == ["ev1", "ev2"]
    assert events_for_feature(events, "nowhere") == []
