"""The list of States, with names in the six UN languages from pycountry.

All ISO 3166-1 entries are loaded (non-members as "other"), plus the
historical entities of ISO 3166-3 that sat in the UN. Membership lists are
the UN's (193 Member States, 2 observer States) as of 2026.
"""

import gettext

import pycountry

UN_MEMBERS = frozenset(
    """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()
)
UN_OBSERVERS = frozenset({"VAT", "PSE"})
HISTORICAL = frozenset(
    {"SUN", "BYS", "YUG", "CSK", "DDR", "YMD", "SCG", "ZAR", "BUR", "DHY", "HVO"}
)

_LANGUAGES = {"fr": "fr", "es": "es", "ru": "ru", "zh": "zh_CN", "ar": "ar"}


def _translators(domain):
    return {
        field: gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]).gettext
        for field, locale in _LANGUAGES.items()
    }


def state_rows():
    """Yield one dict of State fields per entity, in a stable order."""
    current = _translators("iso3166-1")
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        kind = "member" if code in UN_MEMBERS else "observer" if code in UN_OBSERVERS else "other"
        # Common names ("Bolivia") read better than ISO's long forms for most States.
        english = getattr(country, "common_name", None) or country.name
        row = {"iso3": code, "kind": kind, "name_en": english}
        row.update({f"name_{f}": translate(country.name) for f, translate in current.items()})
        yield row
    historic = _translators("iso3166-3")
    for entity in sorted(pycountry.historic_countries, key=lambda c: c.alpha_3):
        if entity.alpha_3 not in HISTORICAL:
            continue
        row = {"iso3": entity.alpha_3, "kind": "historical", "name_en": entity.name}
        row.update({f"name_{f}": translate(entity.name) for f, translate in historic.items()})
        yield row


def sync_states(state_model):
    """Create or update every State; returns how many rows were written."""
    count = 0
    for row in state_rows():
        state_model.objects.update_or_create(iso3=row.pop("iso3"), defaults=row)
        count += 1
    return count


BODIES = [
    ("HRC", "Human Rights Council"),
    ("GA", "General Assembly"),
    ("GA3", "Third Committee of the General Assembly"),
    ("SC", "Security Council"),
    ("ECOSOC", "Economic and Social Council"),
    ("CNGO", "ECOSOC Committee on Non-Governmental Organizations"),
]


def sync_bodies(body_model):
    for code, name in BODIES:
        body_model.objects.update_or_create(code=code, defaults={"name": name})
