"""Accounts: sign-up, sign-in (bearer tokens for the API, a cookie for the pages), sign-out."""
