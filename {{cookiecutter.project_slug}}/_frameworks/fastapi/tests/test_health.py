"""The health check."""

from fastapi.testclient import TestClient


def test_healthz_answers_ok(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_healthz_is_documented_with_its_response_model(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/healthz"]["get"]

    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Health"}


def test_healthz_only_answers_get(client: TestClient) -> None:
    assert client.post("/healthz").status_code == 405
