"""Sign in or sign up: the one page a signed-out visitor reaches."""

import streamlit as st

from {{ cookiecutter.project_slug }} import auth, db, users
from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME

st.title(PROJECT_NAME)

if auth.uses_oidc():
    st.write("Use your account at the identity provider to continue.")
    st.button("Sign in", type="primary", on_click=st.login)
    st.stop()

st.write("An account is needed to use this app.")
# Lazy tabs: only the open tab's form is built, so each label is on the page once.
sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Sign up"], key="account_tab", on_change="rerun")

if sign_in_tab.open:
    with sign_in_tab, st.form("sign_in"):
        username = st.text_input(
            "Username",
            max_chars=users.MAX_USERNAME_LENGTH,
            autocomplete="username",
            key="sign_in_username",
        )
        password = st.text_input(
            "Password", type="password", autocomplete="current-password", key="sign_in_password"
        )
        sign_in_error = st.empty()
        if st.form_submit_button("Sign in", type="primary"):
            with db.new_session() as session:
                user = users.authenticate(session, username, password)
            if user is None:
                sign_in_error.error(users.SIGN_IN_ERROR)
            else:
                auth.sign_in(user.username)
                st.rerun()

if sign_up_tab.open:
    with sign_up_tab, st.form("sign_up"):
        new_username = st.text_input(
            "Username",
            max_chars=users.MAX_USERNAME_LENGTH,
            autocomplete="username",
            key="sign_up_username",
        )
        errors = {"username": st.empty()}
        new_password = st.text_input(
            "Password",
            type="password",
            autocomplete="new-password",
            key="sign_up_password",
        )
        errors["password"] = st.empty()
        st.caption(f"At least {users.MIN_PASSWORD_LENGTH} characters.")
        confirmation = st.text_input(
            "Password confirmation",
            type="password",
            autocomplete="new-password",
            key="sign_up_confirmation",
        )
        errors[users.CONFIRMATION_FIELD] = st.empty()
        if st.form_submit_button("Sign up", type="primary"):
            try:
                with db.new_session() as session:
                    user = users.sign_up(session, new_username, new_password, confirmation)
            except users.SignUpError as error:
                for field, message in error.errors.items():
                    errors[field].error(message)
            else:
                auth.sign_in(user.username)
                st.rerun()
