"""The suggestion index (names.Suggester) gives the answers of the pairwise comparison it
replaced: the same affix rules, and difflib.get_close_matches's closest spelling."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from planck.domain.evaluate import SUGGESTIONS_PER_FILE, _unknown_indicators
from planck.domain.names import SUGGEST_MAX_LEN, Suggester, name_key
from planck.errors import Location
from planck.model import Observation, Report


def _pairwise(given_name: str, candidates: list[tuple[str, str]]) -> str | None:
    """The suggestion as it was computed before the index: every known name compared."""
    key = name_key(given_name)
    if not key or len(key) > SUGGEST_MAX_LEN:
        return None
    pairs = [(name_key(name), shown) for name, shown in candidates]
    pairs = [(k, shown) for k, shown in pairs if k]
    ends = [(k, shown) for k, shown in pairs if len(k) >= 2 and key.endswith(k)]
    if ends:
        return max(ends, key=lambda p: len(p[0]))[1]
    inside = [(k, shown) for k, shown in pairs if len(k) >= 2 and k in key]
    if inside:
        return max(inside, key=lambda p: len(p[0]))[1]
    by_key: dict[str, str] = {}
    for k, shown in pairs:
        by_key.setdefault(k, shown)
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


# a small alphabet, so that names overlap, end with and contain one another often
_NAME = st.text(alphabet="abcde_区市县克", min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(
    known=st.lists(st.tuples(_NAME, _NAME), min_size=1, max_size=30),
    asked=st.lists(_NAME, min_size=1, max_size=10),
)
def test_the_index_answers_as_the_pairwise_comparison(
    known: list[tuple[str, str]], asked: list[str]
) -> None:
    index = Suggester(known)
    for name in asked:
        assert index.suggest(name) == _pairwise(name, known)


@settings(max_examples=300, deadline=None)
@given(
    known=st.lists(st.text(alphabet="abcdef_1", min_size=1, max_size=16), min_size=1, max_size=40),
    asked=st.lists(st.text(alphabet="abcdef_1", min_size=1, max_size=16), min_size=1, max_size=8),
)
def test_spelling_only_is_difflibs_closest_match(known: list[str], asked: list[str]) -> None:
    index = Suggester(((k, k) for k in known), affixes=False)
    for name in asked:
        expected = difflib.get_close_matches(name, sorted(set(known)), n=1, cutoff=0.6)
        assert index.suggest(name) == (expected[0] if expected else None)


def test_a_file_gets_a_bounded_number_of_suggestions_and_says_so() -> None:
    known = {"rd_intensity", "tech_contract_value"}
    where = Location("a.yaml", 1, 1)
    observations = {
        f"rd_intensty{i}": Observation(f"rd_intensty{i}", 1.0, None, where, "1")
        for i in range(SUGGESTIONS_PER_FILE + 5)
    }
    report = Report("a.yaml", "dushanzi", 2023, observations, where)
    messages = [d.message.render("en") for d in _unknown_indicators(report, known)]
    assert len(messages) == SUGGESTIONS_PER_FILE + 5  # every unknown is still reported
    assert all("did you mean 'rd_intensity'" in m for m in messages[:SUGGESTIONS_PER_FILE])
    rest = messages[SUGGESTIONS_PER_FILE:]
    assert all(
        f"for the first {SUGGESTIONS_PER_FILE} unknown indicators of a file" in m for m in rest
    )


def test_a_tie_in_spelling_goes_to_difflibs_choice_even_when_found_later() -> None:
    # 'acdfd' shares more letters with 'bdfdc' (it is looked at first) but is no closer than
    # 'beafd'; difflib picks the later text of two equally close ones
    known = ["acdfd", "beafd"]
    expected = difflib.get_close_matches("bdfdc", known, n=1, cutoff=0.6)
    assert expected == ["beafd"]
    assert Suggester(((k, k) for k in known), affixes=False).suggest("bdfdc") == "beafd"


def test_of_two_names_it_contains_alike_the_first_known_wins() -> None:
    known = [("xy", "first"), ("zw", "second")]
    assert _pairwise("xyzwq", known) == "first"
    assert Suggester(known).suggest("xyzwq") == "first"
