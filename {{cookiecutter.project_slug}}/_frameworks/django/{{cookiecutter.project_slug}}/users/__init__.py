"""The users app: the User model, sign-up, sign-in, sign-out and the profile page."""
