"""The contact message's rules, in one model that the page and the JSON API both validate with."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class ContactMessageIn(BaseModel):
    """A message to send: who you are, where to answer, and what you have to say."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Ada Lovelace",
                    "email": "ada@example.com",
                    "message": "Hello! I would like to know more.",
                }
            ]
        },
    )

    name: Annotated[str, Field(min_length=1, max_length=100)]
    email: Annotated[EmailStr, Field(max_length=254)]
    message: Annotated[str, Field(min_length=1, max_length=2000)]


class ContactMessageRead(ContactMessageIn):
    """A stored message."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
