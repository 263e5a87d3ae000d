"""kg.names: the matching key, the fuzzy guards and NameIndex, on names of our own."""

from __future__ import annotations

import pytest

from kg.names import (
    FUZZY_THRESHOLD,
    NameConflict,
    NameIndex,
    is_acronym,
    key_tokens,
    match_key,
    normalize_name,
    similarity,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kata'eb Hizbollah", "kataeb hizbolah"),
        ("Harakat al Nujabaa", "harakat nujaba"),
        ("Al-Hashd Al-Shaabi", "hashd shabi"),
        ("al-Hashd ash-Shaabi", "hashd shabi"),
        ("Saraya as-Salam", "saraya salam"),
        ("Hizb ut-Tahrir", "hizb tahrir"),
        ("Asa'ib Ahl ul-Haq", "asaib ahl haq"),
        ("the Houthi's", "houthi"),
        ("The Houthi’s", "houthi"),
        ("Abdel Malik el-Houthi", "abd malik houthi"),
        ("Abdulmalik", "abdmalik"),
        ("Muhammad Abd al-Salam", "muhamad abd salam"),
        ("Qassem  Soleimani", "qasem soleimani"),
        ("Kata’ib Ḥizbullāh", "kataib hizbulah"),
        ("Brigade 313", "brigade 313"),
        ("Al", "al"),  # a particle alone is kept
        ("Hamas", "hamas"),  # no plural is dropped by the key itself
    ],
)
def test_match_key(text, key):
    assert match_key(text) == key
    assert key_tokens(text) == tuple(key.split())


def test_normalize_name_is_unchanged_for_slugs():
    assert normalize_name("The  U.S.") == "us"
    assert normalize_name("Asa'ib Ahl al-Haq") == "asaib ahl al haq"
    assert normalize_name("Harakat al Nujabaa") == "harakat al nujabaa"


@pytest.mark.parametrize(
    ("text", "acronym"),
    [("CENTCOM", True), ("IRGC-QF", True), ("U.S.", True), ("KH", True),
     ("HEZBOLLAH", False), ("Centcom", False), ("ISRAEL KATZ", False), ("313", False)],
)  # fmt: skip
def test_is_acronym(text, acronym):
    assert is_acronym(text) is acronym


def _sim(a: str, b: str) -> float:
    return similarity(key_tokens(a), key_tokens(b))


def test_similarity_of_spellings():
    assert _sim("Kataib Hizbollah", "Kataib Hezbollah") > FUZZY_THRESHOLD
    assert _sim("Abdulmalik Houthi", "Abdul Malik Houthi") == 100  # spaces do not count
    assert _sim("Hakan Fiden", "Hakan Fidan") > FUZZY_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hezbollah", "Kataib Hezbollah"),  # containment
        ("Israel", "Israel Katz"),
        ("Mohammed Houthi", "Mohammed Ali Houthi"),
        ("Israeli", "Israel"),  # a demonym ending
        ("Bahraini", "Bahrain"),
        ("Islamic Resistance in Iran", "Islamic Resistance in Iraq"),  # short words differ
        ("Iraqi foreign ministry", "Iranian foreign ministry"),
        ("Hussein Nasrallah", "Hassan Nasrallah"),  # first names differ
        ("Abu Ali Walai", "Abu Alaa Walai"),
        ("Brigade 313", "Brigade 314"),  # numbers must be equal
    ],
)
def test_guards(a, b):
    assert _sim(a, b) == 0
    assert _sim(b, a) == 0


def _index(*pairs: tuple[str, str]) -> NameIndex[str]:
    return NameIndex(pairs)


def test_index_by_key_plural_and_fuzzy():
    index = _index(("Houthi", "AA"), ("Quds Force", "QF"), ("Hamas", "H"), ("Hakan Fidan", "HF"))
    assert index.lookup("the Houthis") == ("AA", "plural", 100.0)
    assert index.lookup("Quds Forces").how == "plural"
    assert index.match("Hama") is None  # no form is "Hama": no plural
    found = index.lookup("Hakan Fiden")
    assert found is not None and found.value == "HF" and found.how == "fuzzy"
    assert found.score == pytest.approx(90.0)
    assert index.match("") is None and index.match("!!") is None


def test_short_names_and_acronyms_are_never_fuzzy():
    index = _index(("Hamas", "H"), ("CENTCOM", "C"), ("Sabereen", "S"))
    assert index.match("Hamaz") is None  # under six letters
    assert index.match("CENTCON") is None  # an acronym
    assert index.match("Centcon") is None  # nor fuzzily matched to one
    assert index.match("centcom") == "C"  # exact key, whatever the case
    assert index.match("SABEREEN") == "S"  # exact key, whatever the case


def test_two_values_about_as_close_give_nothing():
    index = _index(("Abu Hassan Salami", "A"), ("Abu Hassan Salama", "B"))
    assert index.match("Abu Hassan Salamu") is None
    assert index.match("Abu Hassan Salami") == "A"


def test_conflicting_keys_fail_naming_both_forms():
    with pytest.raises(NameConflict, match=r"'Al-Nour'.*'Nour'"):
        _index(("Nour", "first"), ("Al-Nour", "second"))
    _index(("Nour", "same"), ("Al-Nour", "same"))  # one value: fine


def test_score_explains_the_decision():
    index = _index(("Hezbollah", "H"), ("Kataib Hezbollah", "K"))
    assert index.score("Hizbollah", "H") > FUZZY_THRESHOLD
    assert index.score("Hizbollah", "K") == 0  # containment
    assert index.score("Hizbollah", "nothing") == 0


def test_lookup_is_cached_on_the_key():
    index = _index(("Kataib Hezbollah", "K"))
    index.match("Kataib Hizbollah")
    index.match("KATAIB  hizbollah")
    info = index._lookup.cache_info()
    assert info.misses == 1 and info.hits == 1
