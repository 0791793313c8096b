"""Sign-in checks for views that answer JSON."""

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse

View = Callable[..., HttpResponse]


def login_required_json(view: View) -> View:
    """Like login_required, for a JSON API: answer 401 with a JSON message, not a redirect."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse(
                {"error": "sign in first: this API takes the session cookie of a signed-in user"},
                status=HTTPStatus.UNAUTHORIZED,
            )
        return view(request, *args, **kwargs)

    return wrapper
