"""Sign-up, sign-in and sign-out, and the account page that only signed-in users reach."""

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required, login_user, logout_user
from werkzeug import Response

from .forms import SignInForm, SignUpForm
from .models import User, UsernameTakenError, authenticate, create_user

# The same message for an unknown username and a wrong password: it tells no one who has an
# account.
SIGN_IN_ERROR = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)
USERNAME_TAKEN = "A user with that username already exists."

bp = Blueprint("auth", __name__)


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None.

    Only a path that starts with a single ``/`` is followed: anything else may name another
    site (``https://host``, ``//host``), and so may a backslash, which browsers read as ``/``,
    or a control character, which they drop (``/<tab>/host`` becomes ``//host``).
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    ):
        return target
    return None


def start_session(user: User) -> None:
    """Sign ``user`` in, in a new session: nothing of the anonymous session carries over."""
    session.clear()
    login_user(user)


def home() -> Response:
    """Redirect to the home page (303: the browser follows with a GET)."""
    return redirect(url_for("pages.index"), 303)


@bp.route("/auth/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Sign a new user up, then in."""
    # Only the fields of a posted HTML form (here and below): Flask-WTF would also take a JSON
    # body or uploaded files, whose values are not text.
    form = SignUpForm(formdata=request.form)
    if form.validate_on_submit():
        try:
            user = create_user(str(form.username.data), str(form.password.data))
        except UsernameTakenError:
            form.username.errors = [USERNAME_TAKEN]
        else:
            start_session(user)
            return home()
    return render_template("auth/register.html", form=form)


@bp.route("/auth/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign a user in, then go to the page they came from (``?next=``) or home."""
    form = SignInForm(formdata=request.form)
    if form.validate_on_submit():
        user = authenticate(str(form.username.data), str(form.password.data))
        if user is not None:
            start_session(user)
            next_url = safe_next_url(request.args.get("next"))
            return redirect(next_url, 303) if next_url else home()
        form.form_errors.append(SIGN_IN_ERROR)
    return render_template("auth/login.html", form=form)


@bp.post("/auth/logout")
def logout() -> Response:
    """Sign out: end the session."""
    logout_user()
    session.clear()
    return home()


@bp.get("/account")
@login_required
def account() -> str:
    """Show the signed-in user's account."""
    return render_template("auth/account.html")
