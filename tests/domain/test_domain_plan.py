"""The plan's vocabulary lives once, in domain.plan; analysis says it on screen, keyed by its words."""

from analysis import plan, runmix
from domain import plan as vocabulary


def test_every_word_has_its_label_and_no_label_is_left_over():
    assert set(plan.FOCUS_LABELS) == set(vocabulary.FOCUSES)
    assert set(plan.RUN_TYPE_LABELS) == set(vocabulary.RUN_TYPES)
    assert set(runmix.RUN_TYPE_LABELS) == set(vocabulary.RUN_TYPES)


def test_analysis_hands_on_the_same_vocabulary_not_a_copy():
    for name in ("KINDS", "RUN_TYPES", "FOCUSES", "COLUMNS", "TEMPLATE_COLUMNS", "check_row", "PlanRowError"):
        assert getattr(plan, name) is getattr(vocabulary, name), name
    assert runmix.RUN_TYPES is vocabulary.RUN_TYPES
