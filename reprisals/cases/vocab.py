"""Vocabularies of the case register.

Each choice carries its meaning. To amend a vocabulary, add a member (never
rename or reuse a stored value: old records keep theirs) and a migration.
Values follow the HURIDOCS Events Standard Formats where one exists.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open — being documented or followed, not yet raised with the State")
    OUTSTANDING = "outstanding", _("Outstanding — raised with the State, unresolved")
    RESOLVED = "resolved", _("Resolved — the reprisal has ended and was remedied")
    CLOSED = "closed", _("Closed — no further follow-up (reason recorded)")


class EngagementKind(models.TextChoices):
    MET_MANDATE_HOLDER = "met_mandate_holder", _("Met a UN mandate holder or official")
    ATTENDED_SESSION = "attended_session", _("Attended a UN session or meeting")
    SPOKE_AT_SESSION = "spoke_at_session", _("Spoke at a UN session")
    SUBMITTED_INFORMATION = "submitted_information", _("Submitted information to the UN")
    SOUGHT_TO_TRAVEL = "sought_to_travel", _("Sought to travel to engage with the UN")
    ATTENDED_TRAINING = "attended_training", _("Attended a UN or UN-related training")
    NAMED_IN_COMMUNICATION = "named_in_communication", _("Was named in a UN communication")
    OTHER = "other", _("Other cooperation with the UN")


class ActType(models.TextChoices):
    TRAVEL_BAN = "travel_ban", _("Travel ban or confiscated passport")
    SURVEILLANCE = "surveillance", _("Surveillance")
    HARASSMENT = "harassment", _("Harassment")
    INTIMIDATION = "intimidation", _("Intimidation or threats")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    POLICE_INVESTIGATION = "police_investigation", _("Police investigation or interrogation")
    ARBITRARY_DETENTION = "arbitrary_detention", _("Arbitrary detention")
    ENFORCED_DISAPPEARANCE = "enforced_disappearance", _("Enforced disappearance")
    RSDL = "rsdl", _("Residential surveillance at a designated location")
    TORTURE = "torture", _("Torture or ill-treatment")
    DENIAL_OF_COUNSEL = "denial_of_counsel", _("Denial of access to legal counsel")
    CRIMINAL_CHARGES = "criminal_charges", _("Criminal charges")
    SENTENCE = "sentence", _("Prison sentence or other penalty")
    DEATH_IN_CUSTODY = "death_in_custody", _("Death in custody")
    EXPULSION_FROM_UN_PREMISES = "expulsion_from_un_premises", _("Expulsion from UN premises")
    DENIAL_OF_UN_ACCESS = "denial_of_un_access", _("Denial of access to a UN meeting or premises")
    ACCREDITATION = "accreditation", _("Denial or withdrawal of accreditation or NGO status")
    PUBLIC_SMEAR = "public_smear", _("Public smear or stigmatisation")
    VISA_DENIAL = "visa_denial", _("Visa denial")
    REPRISAL_AGAINST_FAMILY = "reprisal_against_family", _("Reprisal against family members")
    OTHER = "other", _("Other act of reprisal")


class PerpetratorType(models.TextChoices):
    POLICE = "police", _("Police")
    STATE_SECURITY = "state_security", _("State security services")
    JUDICIARY = "judiciary", _("Judiciary or prosecution")
    MILITARY = "military", _("Military")
    GOVERNMENT = "government", _("Government officials")
    STATE_DELEGATION = "state_delegation", _("State delegation at the UN")
    UN_OFFICIAL = "un_official", _("UN official")
    NON_STATE = "non_state", _("Non-State actor")
    UNKNOWN = "unknown", _("Unknown")


class InterventionKind(models.TextChoices):
    COMMUNICATION = "communication", _("Communication to the State")
    PRESS_RELEASE = "press_release", _("Press release")
    REPORT_MENTION = "report_mention", _("Mention in a UN report")
    STATEMENT = "statement", _("Public statement by a UN official")
    RAISED_AT_SESSION = "raised_at_session", _("Raised at a UN session")
    OTHER = "other", _("Other action")


class ResponseType(models.TextChoices):
    DENIED = "denied", _("Denied the facts")
    LAWFUL_INVESTIGATION = "lawful_investigation", _("Lawful investigation or judicial matter")
    COUNTER_ACCUSATION = "counter_accusation", _("Accused the person (criminal, terrorist)")
    PARTIAL = "partial", _("Partial answer")
    SUBSTANTIVE = "substantive", _("Substantive answer")
    NO_RESPONSE = "no_response", _("No response")


class ConsentLevel(models.TextChoices):
    NAMED = "named", _("Named — may be identified publicly")
    ANONYMOUS = "anonymous", _("Anonymous — may be published without identifying details")
    CONFIDENTIAL = "confidential", _("Confidential — nothing public")


class ConsentBasis(models.TextChoices):
    IN_PERSON = "in_person", _("Given in person")
    WRITTEN = "written", _("Given in writing")
    REMOTE = "remote", _("Given by phone or secure message")
    REPRESENTATIVE = "representative", _("Given by a representative or family member")
    PUBLIC_RECORD = "public_record", _("Publicly named in published UN or NGO reports")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or non-binary")
    UNKNOWN = "unknown", _("Unknown or not stated")


class OrganizationKind(models.TextChoices):
    NGO = "ngo", _("Non-governmental organisation")
    GROUP = "group", _("Group of people (e.g. a community or civil society at large)")
    MEDIA = "media", _("Media outlet")
    OTHER = "other", _("Other organisation")


class SubjectRole(models.TextChoices):
    TARGETED = "targeted", _("Targeted by the reprisal")
    FAMILY = "family", _("Family member targeted")
    ASSOCIATED = "associated", _("Targeted through association")


class SourceKind(models.TextChoices):
    UN_DOCUMENT = "un_document", _("UN document")
    UN_WEBCAST = "un_webcast", _("UN webcast")
    NGO_REPORT = "ngo_report", _("NGO report")
    STATE_DOCUMENT = "state_document", _("State document or statement")
    MEDIA = "media", _("Media report")
    INTERVIEW = "interview", _("Interview")
    OTHER = "other", _("Other")


class Reliability(models.TextChoices):
    HIGH = "high", _("High — official record or first-hand, corroborated")
    MEDIUM = "medium", _("Medium — credible, not corroborated")
    LOW = "low", _("Low — unverified")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month known")
    YEAR = "year", _("Year known")
