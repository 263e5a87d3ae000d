import pytest

from kg.gazetteer import GazetteerError, load_gazetteer, normalize_name, slugify


def test_aliases_resolve_to_canonical_names():
    g = load_gazetteer()
    assert g.canonical("the U.S.") == "United States"
    assert g.canonical("Kata’ib Hizbullah") == "Kata'ib Hezbollah"
    assert g.canonical("Zionist entity") == "Israel"
    assert g.canonical("Houthis") == "Ansar Allah"
    assert g.canonical("Sabereen News") == "Sabereen News"


def test_umbrella_and_ids():
    g = load_gazetteer()
    assert g.resolve("Islamic Resistance in Iraq").umbrella
    assert g.actor_id("Hizbullah Brigades") == "kataib-hezbollah"
    assert g.actor_id("Sabereen News") == "sabereen-news"


def test_normalize_and_slug():
    assert normalize_name("The  U.S.") == "us"
    assert slugify("Asa'ib Ahl al-Haq") == "asaib-ahl-al-haq"
    assert slugify("!!!") == "unnamed"


def test_bad_gazetteer_fails_loudly(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("- id: Bad Id\n  name: X\n  type: militia\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="entry 1"):
        load_gazetteer(path)
