"""The contact form at /contact, and the list of messages received at /contact/submissions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
{%- if cookiecutter.auth %}
from flask_login import current_user, login_required
{%- endif %}
from sqlalchemy import select

from {{ cookiecutter.project_slug }}.extensions import db

from .forms import ContactForm
from .models import ContactMessage

THANK_YOU = "Thank you for your message: we will get back to you soon."
SUBMISSIONS_PER_PAGE = 50

bp = Blueprint("contact", __name__)
# The list of messages, registered apart from the form: it shows people's email addresses.
submissions_bp = Blueprint("contact_submissions", __name__)


@bp.route("/contact", methods=["GET", "POST"])
def form() -> ResponseReturnValue:
    """Show the form; store a valid message, then redirect (Post/Redirect/Get)."""
    # Only the fields of a posted HTML form: Flask-WTF would also take a JSON body or uploaded
    # files, whose values are not text.
    contact_form = ContactForm(formdata=request.form)
    if contact_form.validate_on_submit():
        db.session.add(
            ContactMessage(
                name=contact_form.name.data,
                email=contact_form.email.data,
                message=contact_form.message.data,
            )
        )
        db.session.commit()
        flash(THANK_YOU, "success")
        return redirect(url_for("contact.form"), 303)
{%- if cookiecutter.auth %}
    if not contact_form.is_submitted() and current_user.is_authenticated:
        contact_form.name.data = current_user.username
{%- endif %}
    return render_template("contact/form.html", form=contact_form)


@submissions_bp.get("/contact/submissions")
{%- if cookiecutter.auth %}
@login_required
{%- endif %}
def submissions() -> str:
    """List the messages received, newest first, a page at a time (``?page=2``)."""
    query = select(ContactMessage).order_by(ContactMessage.id.desc())
    page = db.paginate(query, per_page=SUBMISSIONS_PER_PAGE, max_per_page=SUBMISSIONS_PER_PAGE)
    return render_template("contact/submissions.html", page=page)
