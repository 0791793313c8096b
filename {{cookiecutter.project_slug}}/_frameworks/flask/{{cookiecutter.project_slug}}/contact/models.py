"""The messages sent through the contact form."""

from datetime import UTC, datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from {{ cookiecutter.project_slug }}.extensions import Base, UTCDateTime

NAME_MAX_LENGTH = 100
# The longest address SMTP can deliver to (RFC 5321).
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 2000


class ContactMessage(Base):
    """One message, as sent."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: datetime.now(UTC))
