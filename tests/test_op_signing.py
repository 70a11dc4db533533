"""Per-staff signing keys: wrapped by the password, and signatures bound to the content."""

from __future__ import annotations

from datetime import UTC, datetime

from counter_app.services.people import op_signing

AT = datetime(2026, 12, 6, 9, 30, 0, 123456)


def test_the_key_opens_only_with_its_owners_password() -> None:
    key = op_signing.new_key("staff-1")
    stored = op_signing.wrap(key, "correct horse")
    assert "correct horse" not in str(stored)
    opened = op_signing.unwrap("staff-1", stored, "correct horse")
    assert opened is not None and opened.key_id == key.key_id
    assert op_signing.unwrap("staff-1", stored, "wrong") is None
    assert op_signing.unwrap("staff-2", stored, "correct horse") is None  # bound to its owner
    assert op_signing.unwrap("staff-1", {**stored, "box": "!!"}, "correct horse") is None


def test_a_signature_covers_the_person_the_arguments_and_the_time() -> None:
    key = op_signing.new_key("staff-1")
    pub = op_signing.b64(key.public)
    sig = key.sign("op-1", "handoff.decide", '{"case_no":"1"}', AT)
    ok = ("op-1", "handoff.decide", "staff-1", '{"case_no":"1"}')
    assert op_signing.verify(pub, sig, *ok, AT)
    assert op_signing.verify(pub, sig, *ok, AT.isoformat())  # as pushed: the same time
    assert op_signing.verify(pub, sig, *ok, AT.replace(tzinfo=UTC))
    assert not op_signing.verify(pub, sig, "op-1", "handoff.decide", "staff-2", ok[3], AT)
    assert not op_signing.verify(pub, sig, "op-1", "handoff.decide", "staff-1", '{"case_no":"2"}', AT)
    assert not op_signing.verify(pub, sig, "op-1", "handoff.return_case", "staff-1", ok[3], AT)
    assert not op_signing.verify(pub, sig, *ok, AT.replace(microsecond=0))
    assert not op_signing.verify(pub, "not base64!", *ok, AT)
    other = op_signing.b64(op_signing.new_key("staff-1").public)
    assert not op_signing.verify(other, sig, *ok, AT)
