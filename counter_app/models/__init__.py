"""SQLAlchemy models of Counter. No Qt here."""

from .aftercare import GRADES, Complaint, Consultation, Evaluation
from .audit import Event, PrintRecord
from .base import Base, SyncedMixin, new_id, hall_now
from .case import (
    MATERIAL_STATES,
    STATUS_LABELS,
    CaseExtension,
    CaseFile,
    CaseMaterial,
    CaseSuspension,
    Notice,
)
from .catalog import (
    FORM_LABELS,
    KIND_LABELS,
    REQUIREMENT_LABELS,
    ItemVersion,
    MaterialRequirement,
    ServiceItem,
)
from .handoff import CaseDecision, CaseReturn, HandoffBatch, HandoffItem, Issuance
from .local import (
    CalendarYear,
    HolidayOverride,
    IntakeDraft,
    NumberCounter,
    OutboxEntry,
    Setting,
)
from .org import (
    ROLE_LABELS,
    ROLES,
    TRAINING_LABELS,
    TRAINING_STAGES,
    CoAcceptanceClearance,
    Department,
    HallWindow,
    Staff,
    StaffRole,
    Terminal,
    TrainingRecord,
)
from .sync import SyncApplied, SyncCapture, SyncConflict, SyncJournal, SyncMeta

__all__ = [
    "FORM_LABELS", "GRADES", "KIND_LABELS", "MATERIAL_STATES", "REQUIREMENT_LABELS",
    "ROLES", "ROLE_LABELS", "STATUS_LABELS", "TRAINING_LABELS", "TRAINING_STAGES",
    "Base", "CalendarYear", "CaseDecision", "CaseExtension", "CaseFile", "CaseMaterial",
    "CaseReturn", "CaseSuspension", "CoAcceptanceClearance", "Complaint", "Consultation",
    "Department", "Evaluation", "Event", "HallWindow", "HandoffBatch", "HandoffItem",
    "HolidayOverride", "IntakeDraft", "Issuance", "ItemVersion", "MaterialRequirement",
    "Notice", "NumberCounter", "OutboxEntry", "PrintRecord", "ServiceItem", "Setting",
    "Staff", "StaffRole", "SyncApplied", "SyncCapture", "SyncConflict", "SyncJournal",
    "SyncMeta", "SyncedMixin", "Terminal", "TrainingRecord", "new_id", "hall_now",
]
