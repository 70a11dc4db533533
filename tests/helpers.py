"""Building intakes for tests."""

from __future__ import annotations

from counter_app.services.intake.service import AgentInput, Intake, IntakeService

PERSON_ID = "11010519491231002X"


def fill_person(intake: Intake, name: str = "张伟", id_no: str = PERSON_ID) -> Intake:
    intake.applicant.name = name
    intake.applicant.id_no = id_no
    intake.applicant.phone = "13812345678"
    intake.applicant.address = "罗山县龙山街道1号"
    return intake


def receive_all(intake: Intake) -> Intake:
    for m in intake.materials:
        if m.state != "not_applicable":
            m.state, m.form, m.copies, m.pages = "received", m.default_form, m.default_copies, 2
    return intake


def complete_intake(svc: IntakeService, item_code: str, agent: bool = False) -> Intake:
    intake = fill_person(svc.new_intake(item_code, "person", has_agent=agent))
    if agent:
        intake.agent = AgentInput("李娜", "440524188001010014", "13900001111")
    return receive_all(intake)
