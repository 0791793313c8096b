"""Contact: a validated form; the submissions are stored and listed below it."""

import streamlit as st

{% if cookiecutter.auth %}from {{ cookiecutter.project_slug }} import auth, contact, db
{% else %}from {{ cookiecutter.project_slug }} import contact, db
from {{ cookiecutter.project_slug }}.settings import get_settings
{% endif %}
FIELD_KEYS = {"name": "contact_name", "email": "contact_email", "message": "contact_message"}
ERRORS_KEY = "contact_errors"
SENT_KEY = "contact_sent"
{%- if cookiecutter.auth %}

# Only signed-in people get here (the gate): their name, and email if known, fill the form in.
account = auth.current_account() or auth.Account(name="")
defaults = {"name": account.name, "email": account.email or "", "message": ""}
{%- else %}

defaults = {"name": "", "email": "", "message": ""}
{%- endif %}


def send() -> None:
    """Validate the submission; store it and empty the form, or keep each field's error.

    A callback runs before the next run of the page, the one place where the form's values
    can be reset: the Streamlit way of Post/Redirect/Get.
    """
    data = {field: st.session_state[key] for field, key in FIELD_KEYS.items()}
    try:
        form = contact.validate(data)
    except contact.InvalidContact as error:
        st.session_state[ERRORS_KEY] = error.errors
        return
    with db.new_session() as session:
        contact.save(session, form)
    for field, key in FIELD_KEYS.items():
        st.session_state[key] = defaults[field]
    st.session_state[SENT_KEY] = True


def show_submissions() -> None:
    """List the latest submissions, newest first."""
    st.subheader("Submissions")
    with db.new_session() as session:
        messages = contact.recent(session)
    if not messages:
        st.caption("None yet.")
        return
    st.dataframe(
        [
            {
                "Received (UTC)": stored.created_at,
                "Name": stored.name,
                "Email": stored.email,
                "Message": stored.message,
            }
            for stored in messages
        ],
        hide_index=True,
    )


st.title("Contact")
if st.session_state.pop(SENT_KEY, False):
    st.success("Thank you! Your message was sent.")
errors = st.session_state.pop(ERRORS_KEY, {})
for field, key in FIELD_KEYS.items():
    st.session_state.setdefault(key, defaults[field])

with st.form("contact"):
    st.text_input(
        "Name", max_chars=contact.MAX_NAME_LENGTH, autocomplete="name", key=FIELD_KEYS["name"]
    )
    if "name" in errors:
        st.error(errors["name"])
    st.text_input(
        "Email", max_chars=contact.MAX_EMAIL_LENGTH, autocomplete="email", key=FIELD_KEYS["email"]
    )
    if "email" in errors:
        st.error(errors["email"])
    st.text_area("Message", max_chars=contact.MAX_MESSAGE_LENGTH, key=FIELD_KEYS["message"])
    if "message" in errors:
        st.error(errors["message"])
    st.form_submit_button("Send", type="primary", on_click=send)

# The list holds people's email addresses:
{%- if cookiecutter.auth %} only signed-in people reach this page (the gate).
show_submissions()
{%- else %} without sign-in, it is shown in development only.
if not get_settings().is_production:
    show_submissions()
{%- endif %}
