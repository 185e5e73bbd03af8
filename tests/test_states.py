"""Reference data loaded by migration reference/0002: States and UN bodies."""

from django.utils import translation

from reprisals.reference.models import Body, State
from reprisals.reference.states import UN_MEMBERS


def kinds(*codes):
    return dict(State.objects.filter(iso3__in=codes).values_list("iso3", "kind"))


def test_it_loads_the_193_member_states(db):
    members = set(State.objects.filter(kind="member").values_list("iso3", flat=True))

    assert len(members) == 193
    assert members == UN_MEMBERS


def test_it_loads_the_two_observer_states(db):
    observers = set(State.objects.filter(kind="observer").values_list("iso3", flat=True))

    assert observers == {"VAT", "PSE"}


def test_it_loads_historical_entities(db):
    assert kinds("SUN", "YUG") == {"SUN": "historical", "YUG": "historical"}
    assert "Soviet Socialist Republics" in State.objects.get(iso3="SUN").name_en


def test_it_keeps_other_territories_apart_from_members(db):
    assert kinds("TWN", "HKG") == {"TWN": "other", "HKG": "other"}


def test_it_names_china_in_the_six_un_languages(db):
    china = State.objects.get(iso3="CHN")

    assert (china.name_en, china.name_fr, china.name_zh) == ("China", "Chine", "中国")
    assert (china.name_es, china.name_ru) == ("China", "Китай")
    assert china.name_ar and all("\u0600" <= letter <= "\u06ff" for letter in china.name_ar)


def test_it_names_a_state_in_the_active_language(db):
    china = State.objects.get(iso3="CHN")

    with translation.override("fr"):
        assert china.name == "Chine"
    with translation.override("zh-hans"):
        assert china.name == "中国"
    with translation.override("en"):
        assert china.name == "China"
        assert str(china) == "China (CHN)"


def test_it_falls_back_to_english_where_no_translation_is_kept(db):
    china = State.objects.get(iso3="CHN")
    china.name_fr = ""

    with translation.override("fr"):
        assert china.name == "China"


def test_it_loads_the_main_un_bodies(db):
    codes = set(Body.objects.values_list("code", flat=True))

    assert {"HRC", "GA", "GA3", "SC", "ECOSOC", "CNGO"} <= codes
    assert Body.objects.get(code="HRC").name == "Human Rights Council"
