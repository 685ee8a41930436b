"""Round trip through the Python client generated from the served OpenAPI document (GeneratedClientsIT).

Usage: PYTHONPATH=<generated client> python3 client_round_trip.py <base-url> <token> <png-file>
Uploads the PNG, reads doc_id from the typed answer, downloads it whole and as a range, and asks for a
missing attachment; prints one JSON line with what it saw. Exits 3 when a package the generated client
needs is missing, so the test fails loudly instead of passing.
"""
import hashlib
import json
import sys

try:
    import coc_attachments_client as client
    from coc_attachments_client.exceptions import NotFoundException
except ImportError as missing:  # urllib3, pydantic, python-dateutil, typing-extensions
    print(json.dumps({"missing": str(missing)}))
    sys.exit(3)

base, token, png_path = sys.argv[1:4]
with open(png_path, "rb") as f:
    png = f.read()

configuration = client.Configuration(host=base.rstrip("/") + "/v1", access_token=token)
with client.ApiClient(configuration) as api_client:
    api = client.AttachmentsApi(api_client)

    answer = api.upload_attachment("incident", ("evidence.png", png))
    whole = api.download_attachment("incident", answer.data.doc_id)
    part = api.download_attachment("incident", answer.data.doc_id, range="bytes=1-4")
    try:
        api.download_attachment("incident", "0f8fad5b-d9cb-469f-a165-70867728950e")
        missing = None
    except NotFoundException as e:
        missing = {"status": e.status, "type": type(e.data).__name__, "error_code": e.data.error_code,
                   "provider_code": e.data.provider_code, "error_msg": e.data.error_msg}

print(json.dumps({
    "answer_type": type(answer).__name__,
    "doc_id_type": type(answer.data.doc_id).__name__,
    "doc_id": str(answer.data.doc_id),
    "id": str(answer.id),
    "doc_name": answer.data.doc_name,
    "error_code": answer.error_code,
    "download_sha256": hashlib.sha256(bytes(whole)).hexdigest(),
    "upload_sha256": hashlib.sha256(png).hexdigest(),
    "range": bytes(part).hex(),
    "expected_range": png[1:5].hex(),
    "not_found": missing,
}))
