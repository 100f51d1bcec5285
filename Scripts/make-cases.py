#!/usr/bin/env python3
"""Writes Fixtures/cases/: one folder per diagnosed case, with every signature made by the
Python SDK (or, for the recipes no SDK uses, by Python's hashlib and hmac), never by hand.

Each folder holds `error.txt` (the pasted error, in one of the shapes people paste),
`params.*` when the client showed what it signed, and `case.json`: the description, the
public thread it follows, the secrets and options to run sigdoc with, and the expected first
finding. `Scripts/accuracy.py` and the Swift tests run them.

Usage: Scripts/make-cases.py   (rewrites Fixtures/cases/ from scratch)
"""
import base64
import hashlib
import hmac
import json
import os
import shutil

from cloudinary import utils

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Fixtures", "cases")


def secret(name):
    with open(os.path.join(ROOT, "Fixtures", "secrets", name)) as handle:
        return handle.read().strip()


PRODUCTION = secret("fake-production.txt")
STAGING = secret("fake-staging.txt")
OTHER = "FAKEsecretNobodyGaveSigdoc99"
API_KEY = "123456789012345"
CLOUD = "demo"


def to_sign(params, version=2):
    return utils.api_string_to_sign(params, version)


def sign(params, key=PRODUCTION, algorithm="sha1", version=2):
    return utils.api_sign_request(params, key, algorithm, version)


def sign_text(text, key=PRODUCTION, algorithm="sha1"):
    return utils.compute_hex_hash(text + key, algorithm)


# The shapes an error is pasted in.
def bare(signature, server):
    return "Invalid Signature %s. String to sign - '%s'.\n" % (signature, server)


def envelope(signature, server):
    message = "Invalid Signature %s. String to sign - '%s'." % (signature, server)
    return json.dumps({"error": {"message": message}}) + "\n"


def pretty_envelope(signature, server):
    message = "Invalid Signature %s. String to sign - '%s'." % (signature, server)
    return json.dumps({"error": {"message": message}}, indent=2) + "\n"


def node_inspect(signature, server):
    message = "Invalid Signature %s. String to sign - \\'%s\\'." % (signature, server)
    return "{ message: '%s', http_code: 401 }\n" % message


def java(signature, server):
    return ("java.lang.RuntimeException: Server returned unexpected status code - 401 - "
            + envelope(signature, server).strip() + "\n\tat com.cloudinary.http44.UploaderStrategy.callApi\n")


def log_prefix(signature, server):
    return "Image upload failed - " + bare(signature, server)


def html(signature, server):
    text = bare(signature, server).strip().replace("&", "&amp;").replace("'", "&#39;")
    return "<div class=\"error\">%s</div>\n" % text


def widget_event(signature, server):
    message = "Upload failed: Invalid Signature %s. String to sign - '%s'." % (signature, server)
    return 'kind:"fileuploadfail"\nmessage:"%s"\nwidget_id:0\n' % message


CASE_LIST = []


def case(name, description, source, error, expect_rule, verified=False, params=None, params_name="params.json",
         secrets=(), now=None, params_format=None):
    CASE_LIST.append(dict(name=name, description=description, source=source, error=error, rule=expect_rule,
                          verified=verified, params=params, params_name=params_name, secrets=list(secrets),
                          now=now, params_format=params_format))


def js(value):
    return json.dumps(value, indent=2) + "\n"


def build():
    widget_sent = {"folder": "avatars", "source": "uw", "timestamp": 1685544025, "upload_preset": "signed_avatars"}
    widget_signed = {k: v for k, v in widget_sent.items() if k != "source"}

    # The case this project started from: a widget upload whose signer dropped source=uw.
    case("widget-missing-source", "A signed Upload Widget upload; the page's uploadSignature endpoint signed the "
         "options it knew and dropped the widget's source=uw. The error arrived in a JSON envelope.",
         "SIGNING.md §2, mistake 1; cloudinary-community/next-cloudinary#453",
         envelope(sign(widget_signed), to_sign(widget_sent)), "missing-source-uw", True,
         params=js(widget_signed), secrets=["fake-production.txt"])
    case("widget-missing-source-no-secret", "The starting case without the secret: the cause is named, not proven.",
         "SIGNING.md §2, mistake 1", envelope(sign(widget_signed), to_sign(widget_sent)), "missing-source-uw",
         params=js(widget_signed))
    only_ts = {"source": "uw", "timestamp": 1709830648}
    case("widget-signed-only-timestamp", "The server signed only {timestamp}, ignoring params_to_sign.",
         "cloudinary-community/next-cloudinary#453", bare(sign({"timestamp": 1709830648}), to_sign(only_ts)),
         "missing-source-uw", True, secrets=["fake-production.txt"])

    # Secrets and key pairs.
    exact = {"public_id": "1737aa5b068205e4de112932503b844a8bf62fe5", "timestamp": 1528755130}
    case("key-pair-mismatch", "The string and the signing are right for the staging secret, but the upload "
         "carried the production API key.", "FIELD-CASES C04, C36",
         bare(sign(exact, STAGING), to_sign(exact)), "key-pair-mismatch", True, secrets=["fake-staging.txt"])
    case("two-secrets-staging-signed", "Two secrets given; the staging one reproduces the server's own string.",
         "FIELD-CASES C01", log_prefix(sign(exact, STAGING), to_sign(exact)), "key-pair-mismatch", True,
         secrets=["fake-production.txt", "fake-staging.txt"])
    case("wrong-secret", "Signed with a secret sigdoc was not given: nothing reproduces.", "FIELD-CASES C01, C35",
         bare(sign(exact, OTHER), to_sign(exact)), "wrong-secret", secrets=["fake-production.txt"])
    case("secret-trailing-newline", "The signer read its secret from a file written with echo.", "SIGNING.md §2, mistake 7",
         bare(sign(exact, PRODUCTION + "\n"), to_sign(exact)), "secret-format", True, secrets=["fake-production.txt"])
    case("secret-in-quotes", "The .env file kept the quotes around the secret.", "FIELD-CASES C02",
         java(sign(exact, '"%s"' % PRODUCTION), to_sign(exact)), "secret-format", True, secrets=["fake-production.txt"])
    case("secret-cut-short", "Only part of the secret was pasted into the configuration.", "FIELD-CASES C03",
         bare(sign(exact, PRODUCTION[:19]), to_sign(exact)), "secret-format", True, secrets=["fake-production.txt"])
    case("api-key-as-secret", "api_sign_request was given the API key where the secret belongs.", "FIELD-CASES P01",
         node_inspect(sign({"timestamp": 1700000000}, API_KEY), to_sign({"timestamp": 1700000000})), "secret-format",
         True, secrets=["fake-production.txt"])
    case("sigdoc-secret-file-has-newline", "sigdoc was given a secret file ending in a newline; the signer used the "
         "clean secret, so the newline-free secret reproduces the signature (reported as the way sigdoc's copy "
         "differs).", "SIGNING.md §2, mistake 7", bare(sign(exact), to_sign(exact)), "key-pair-mismatch", True,
         secrets=["fake-production-with-newline.txt"])

    # How the digest was made.
    ts_folder = {"folder": "FOLDER_NAME", "timestamp": 124124, "transformation": "c_limit,w_1000"}
    server = to_sign(ts_folder)
    hmac_signature = hmac.new(PRODUCTION.encode(), server.encode(), hashlib.sha1).hexdigest()
    case("hmac-instead-of-digest", "A hand-written Go signer computed HMAC-SHA1 keyed with the secret.",
         "FIELD-CASES C28", bare(hmac_signature, server), "digest-construction", True, secrets=["fake-production.txt"])
    glued = "folder=FOLDER_NAME&timestamp=124124" + PRODUCTION + "&transformation=c_limit,w_1000"
    case("secret-glued-to-timestamp", "The Elixir library appended the secret right after the timestamp pair.",
         "FIELD-CASES C10", envelope(hashlib.sha1(glued.encode()).hexdigest(), server), "digest-construction", True,
         secrets=["fake-production.txt"])
    case("upper-case-hex", "The signer wrote the digest in upper-case hex.", "SIGNING.md §0",
         bare(sign(exact).upper(), to_sign(exact)), "digest-construction")
    b64 = base64.b64encode(hashlib.sha1((to_sign(exact) + PRODUCTION).encode()).digest()).decode()
    case("base64-signature", "The signer base64-encoded the digest.", "SIGNING.md §0", bare(b64, to_sign(exact)),
         "digest-construction", True, secrets=["fake-production.txt"])
    case("signature-undefined", "The widget callback received undefined.", "SIGNING.md §2, mistake 5",
         widget_event("undefined", "source=uw&timestamp=1709830648"), "signature-format")
    case("signature-promise", "A promise was interpolated instead of awaited.", "SIGNING.md §2, mistake 5",
         node_inspect("[object Promise]", "folder=a&timestamp=1709830648"), "signature-format")
    case("media-library-sha1", "A Media Library widget login signed with SHA-1, which that flow does not accept.",
         "FIELD-CASES C27", bare(sign({"cloud_name": CLOUD, "timestamp": 1568810420, "username": "user@example.com"}),
                                 "cloud_name=demo&timestamp=1568810420&username=user@example.com"),
         "algorithm-mismatch")

    media = {"cloud_name": CLOUD, "timestamp": 1568810420, "username": "user@example.com"}
    case("media-library-sha1-proven", "The same Media Library login with the secret: SHA-1 of the right string "
         "under the right secret, so the algorithm is what is wrong.", "FIELD-CASES C27",
         envelope(sign(media), to_sign(media)), "algorithm-mismatch", True, secrets=["fake-production.txt"])

    # Time.
    ms = {"source": "uw", "timestamp": 1685544025, "upload_preset": "signed"}
    ms_signed = dict(ms, timestamp=1685544025000 + 371)
    case("timestamp-in-milliseconds", "The signer used Date.now() while the widget sent seconds.",
         "SIGNING.md §2, mistake 2", envelope(sign(ms_signed), to_sign(ms)), "timestamp-in-milliseconds", True,
         secrets=["fake-production.txt"])
    ms_sent = dict(ms, timestamp=1685544025371)
    case("timestamp-in-milliseconds-sent", "The request itself carried a 13-digit timestamp.", "SIGNING.md §2, mistake 2",
         bare(sign(ms), to_sign(ms_sent)), "timestamp-in-milliseconds")
    sci_sent = {"folder": "invoices", "public_id": "inv-20", "timestamp": "1.759930024E9"}
    sci_signed = dict(sci_sent, timestamp=1759930024)
    case("timestamp-scientific", "Google Apps Script sent the timestamp in scientific notation.", "FIELD-CASES C26",
         envelope(sign(sci_signed), to_sign(sci_sent)), "timestamp-format", True, secrets=["fake-production.txt"])
    case("timestamp-as-bool", "The iOS SDK sent an NSNumber timestamp as 1.", "FIELD-CASES C16",
         bare(sign({"public_id": "avatar_77", "timestamp": 1485214919}), to_sign({"public_id": "avatar_77", "timestamp": 1})),
         "timestamp-format", params=js({"public_id": "avatar_77", "timestamp": 1485214919}))
    own_ts = {"folder": "uploads", "source": "uw", "timestamp": 1700000100}
    case("timestamp-made-by-signer", "The backend signed its own timestamp, 7 seconds after the widget's.",
         "FIELD-CASES C13", envelope(sign(dict(own_ts, timestamp=1700000107)), to_sign(own_ts)), "timestamp-mismatch",
         True, secrets=["fake-production.txt"])
    case("timestamp-mismatch-params", "The client's parameters show another timestamp than the server received.",
         "FIELD-CASES C13", bare(sign(dict(own_ts, timestamp=1700000107)), to_sign(own_ts)), "timestamp-mismatch",
         params=js(dict(own_ts, timestamp=1700000107)))
    case("stale-request", "An Android device clock two hours off.", "FIELD-CASES C31",
         "java.lang.RuntimeException: Stale request - reported time is 2015-06-20 12:59:41 +0000 which is more than "
         "1 hour ago\n", "stale-timestamp")
    case("stale-by-now", "The signature was generated at page load and used three hours later.", "FIELD-CASES C29",
         bare(sign({"timestamp": 1685544025}), to_sign({"timestamp": 1685544025})), "stale-timestamp",
         now=1685544025 + 3 * 3600 + 30)

    # Structure and wrappers.
    case("nested-public-id-truncated", "An options array landed in the public_id argument; the issue title cut the "
         "message off inside JSON-escaped quotes.", "FIELD-CASES C05",
         "Invalid Signature 759f5facc60f4b021d18b806ce79756a924321ed. String to sign - 'public_id={\\\"0\\\"=>\\\"60\\\", "
         "\\\"1\\\"=>\\\"\n", "nested-data")
    wrapped = {"folder": "avatars", "timestamp": 1685544025, "upload_preset": "signed"}
    object_string = "data=[object Object]"
    case("wrapper-object-object", "The page posted {data: params} and the server signed the wrapper.",
         "SIGNING.md §2 (widget docs sample)", envelope(sign_text(object_string), to_sign(wrapped)), "nested-data", True,
         secrets=["fake-production.txt"])
    repr_string = "data=" + str({"folder": "avatars", "timestamp": 1685544025, "upload_preset": "signed"})
    case("wrapper-python-dict", "A Django view signed {'data': params}; the dict's repr became the value.",
         "SIGNING.md §1 Python", bare(sign_text(repr_string), to_sign(wrapped)), "nested-data", True,
         secrets=["fake-production.txt"])
    spread_source = to_sign({"public_id": "a", "timestamp": 1})
    # Node sorts a string's character indices as strings ("1" < "10" < "2") before it
    # builds the pairs, then escapes & in each pair; the Python SDK would sort whole pairs.
    keys = sorted(str(i) for i in range(len(spread_source)))
    spread = "&".join(("%s=%s" % (k, spread_source[int(k)])).replace("&", "%26") for k in keys)
    case("string-passed-as-params", "A pre-built string was passed to Node's api_sign_request.",
         "SIGNING.md §1 Node, misuse fingerprint", node_inspect(sign_text(spread), spread_source), "nested-data", True,
         secrets=["fake-production.txt"])
    null_sent = {"folder": "null", "tags": "gallery", "timestamp": 1429602642}
    null_signed = {"folder": None, "tags": "gallery", "timestamp": 1429602642}
    case("null-folder", "folder: null reached the request as the text null; the signer skipped it.", "FIELD-CASES C07",
         log_prefix(sign(null_signed), to_sign(null_sent)), "null-value", True,
         params=js(null_signed), secrets=["fake-production.txt"])
    case("null-folder-no-secret", "The same null folder, shown by the client's parameters instead of the secret.",
         "FIELD-CASES C07", log_prefix(sign(null_signed), to_sign(null_sent)), "null-value",
         params=js(null_signed))
    empty_sent_string = "folder=&timestamp=1768517629&upload_preset="
    case("empty-values-shown", "The same empty values, with the client's parameters, which leave them out.",
         "FIELD-CASES U17", bare(sign({"timestamp": 1768517629}), empty_sent_string), "empty-value",
         params=js({"timestamp": 1768517629}))
    case("empty-values-sent", ".NET sent empty folder and upload_preset; the signer left them out.", "FIELD-CASES U17",
         bare(sign({"timestamp": 1768517629}), empty_sent_string), "empty-value", True, secrets=["fake-production.txt"])
    private = {"timestamp": 1439054775, "type": "private"}
    case("type-not-signed", "The backend added type=private after signing only the timestamp.", "FIELD-CASES C21",
         bare(sign({"timestamp": 1439054775}), to_sign(private)), "param-not-signed", True,
         secrets=["fake-production.txt"])
    case("type-not-signed-params", "The same, shown by the client's parameters instead of the secret.",
         "FIELD-CASES C21", bare(sign({"timestamp": 1439054775}), to_sign(private)), "param-not-signed",
         params=js({"timestamp": 1439054775}))
    metadata_signed = {"asset_folder": "docs", "metadata": "team=ops", "timestamp": 1720000000, "upload_preset": "docs"}
    metadata_sent = {k: v for k, v in metadata_signed.items() if k != "metadata"}
    case("metadata-not-sent", "The Java SDK's pre-signed path dropped metadata.", "FIELD-CASES C14",
         java(sign(metadata_signed), to_sign(metadata_sent)), "param-not-sent", True, params=js(metadata_signed),
         secrets=["fake-production.txt"])
    case("metadata-not-sent-no-secret", "The same dropped metadata, seen in the client's parameters alone.",
         "FIELD-CASES C14", java(sign(metadata_signed), to_sign(metadata_sent)), "param-not-sent",
         params=js(metadata_signed))
    video = {"public_id": "clip", "timestamp": 1609459200}
    video_signed = dict(video, resource_type="video")
    case("resource-type-signed", "cloudex signed resource_type, which the server leaves out.", "FIELD-CASES C11",
         bare(sign(video_signed), to_sign(video)), "excluded-key-signed", True, params=js(video_signed),
         secrets=["fake-production.txt"])
    api_key_signed = dict(wrapped, api_key=API_KEY)
    case("api-key-signed", "The signer signed api_key along with the rest.", "SIGNING.md §2, mistake 9",
         envelope(sign(api_key_signed), to_sign(wrapped)), "excluded-key-signed", True,
         secrets=["fake-production.txt"])
    unsorted = "timestamp=1700000000&folder=docs&public_id=report"
    case("unsorted-logged-string", "A hand-written PHP signer joined the pairs in insertion order.",
         "FIELD-CASES C21 (maintainers' advice)", bare(sign_text(unsorted), to_sign(
             {"folder": "docs", "public_id": "report", "timestamp": 1700000000})), "unsorted-params", True,
         params=unsorted + "\n", params_name="params.txt", secrets=["fake-production.txt"])
    logged_with_key = "api_key=%s&folder=docs&public_id=report&timestamp=1700000000" % API_KEY
    case("api-key-in-logged-string", "The signer logged its string to sign, api_key included.",
         "SIGNING.md §2, mistake 9", bare(sign_text(logged_with_key), to_sign(
             {"folder": "docs", "public_id": "report", "timestamp": 1700000000})), "excluded-key-signed",
         params=logged_with_key + "\n", params_name="params.txt")
    case("unsorted-logged-string-no-secret", "The insertion-order string, judged from the logged string alone.",
         "FIELD-CASES C21 (maintainers' advice)", bare(sign_text(unsorted), to_sign(
             {"folder": "docs", "public_id": "report", "timestamp": 1700000000})), "unsorted-params",
         params=unsorted + "\n", params_name="params.txt")
    eager = {"eager": "bo_40px_solid_rgb:fff,cs_srgb,w_400", "public_id": "p", "timestamp": 1600000000}
    encoded = "eager=bo_40px_solid_rgb%3Afff%2Ccs_srgb%2Cw_400&public_id=p&timestamp=1600000000"
    case("url-encoded-values", "ExCloudinary built the string with URI.encode_query.", "FIELD-CASES C09",
         bare(sign_text(encoded), to_sign(eager)), "encoding-mismatch", True, secrets=["fake-production.txt"])
    phash_sent = {"notification_url": "https://example.com/n", "phash": "true", "timestamp": 1400000000}
    phash_signed = dict(phash_sent, phash="1")
    case("boolean-spelling", "The server signed phash=1; the Android SDK sent phash=true.", "FIELD-CASES C15",
         pretty_envelope(sign(phash_signed), to_sign(phash_sent)), "encoding-mismatch", params=js(phash_signed))
    smuggle = {"notification_url": "https://example.com/hook?a=1&b=2", "timestamp": 1690000000}
    case("version-one-signer", "An old SDK (signature version 1) left & unescaped in a value.", "SIGNING.md §0",
         bare(sign(smuggle, version=1), to_sign(smuggle)), "encoding-mismatch", True, secrets=["fake-production.txt"])
    changed = {"public_id": "cat_x7f3", "timestamp": 1650000000}
    case("public-id-changed", "The public ID was made unique after signing.", "FIELD-CASES C22",
         html(sign({"public_id": "cat", "timestamp": 1650000000}), to_sign(changed)), "value-mismatch", True,
         params=js({"public_id": "cat", "timestamp": 1650000000}), secrets=["fake-production.txt"])
    zw = {"folder": "avatars\u200b", "timestamp": 1650000000}
    case("invisible-character", "A zero-width space pasted into the folder name in the signer's configuration.",
         "FIELD-CASES appendix B", bare(sign(zw), to_sign({"folder": "avatars", "timestamp": 1650000000})),
         "value-mismatch", params=js(zw))

    # The rest of the family.
    case("missing-api-key-ios", "The iOS SDK did not add the API key to a pre-signed upload.", "FIELD-CASES C17",
         'Error Domain=com.cloudinary.error Code=400 "(null)" UserInfo={message=Missing required parameter - api_key}\n',
         "missing-api-key")
    case("missing-api-key-dart", "The Dart SDK omitted the key when the caller supplied the signature.",
         "FIELD-CASES C18", '"{"error":{"message":"Missing required parameter - api_key"}}"\n', "missing-api-key")
    case("missing-timestamp", "The request carried no timestamp.", "SIGNING.md §4",
         '{"error":{"message":"Missing required parameter - timestamp"}}\n', "missing-parameter")
    case("preset-not-whitelisted", "An unsigned upload named a signed preset.", "FIELD-CASES U15",
         "Upload preset must be whitelisted for unsigned uploads\n", "unsigned-upload-rejected")
    case("unknown-api-key", "The API key does not exist in that cloud.", "SIGNING.md §4 (cloudinary_npm#288)",
         '{"error":{"message":"Unknown API key 98765432109876"}}\n', "unknown-api-key")
    case("invalid-cloud-name", "The cloud name variable was unset.", "SIGNING.md §4 (autoform-cloudinary#20)",
         "Invalid cloud_name undefined\n", "invalid-cloud-name")

    # Two mistakes at once, and other inputs.
    two = {"source": "uw", "timestamp": 1685544025}
    case("two-mistakes", "The signer dropped source=uw and signed Date.now() in milliseconds.",
         "SIGNING.md §2, mistakes 1 and 2", envelope(sign({"timestamp": 1685544025000 + 812}), to_sign(two)),
         "missing-source-uw", True, secrets=["fake-production.txt"])
    php_signed = {"folder": "avatars", "timestamp": 1685544025, "upload_preset": "signed_avatars"}
    php_print_r = ("Array\n(\n    [folder] => avatars\n    [timestamp] => 1685544025\n"
                   "    [upload_preset] => signed_avatars\n)\n")
    case("php-print-r-params", "A PHP endpoint logged its parameters with print_r; source=uw is missing.",
         "FIELD-CASES C19", envelope(sign(php_signed), to_sign(dict(php_signed, source="uw"))), "missing-source-uw", True,
         params=php_print_r, params_name="params.txt", secrets=["fake-production.txt"])
    form = "folder=avatars&timestamp=1685544025&upload_preset=signed_avatars&tags%5B%5D=a&tags%5B%5D=b"
    form_params = {"folder": "avatars", "tags": ["a", "b"], "timestamp": 1685544025, "upload_preset": "signed_avatars"}
    case("form-body-params", "The client's form body, URL-encoded with tags[] brackets; the server got source=uw too.",
         "DESIGN.md (form bodies)", bare(sign(form_params), to_sign(dict(form_params, source="uw"))),
         "missing-source-uw", params=form, params_name="params.txt")


def main():
    build()
    if os.path.isdir(CASES):
        shutil.rmtree(CASES)
    for entry in CASE_LIST:
        folder = os.path.join(CASES, entry["name"])
        os.makedirs(folder)
        with open(os.path.join(folder, "error.txt"), "w") as handle:
            handle.write(entry["error"])
        record = {
            "environment": {"CLOUDINARY_API_KEY": API_KEY, "CLOUDINARY_CLOUD_NAME": CLOUD},
            "description": entry["description"],
            "source": entry["source"],
            "secrets": ["Fixtures/secrets/" + name for name in entry["secrets"]],
            "expect": {"rule": entry["rule"], "verified": entry["verified"]},
        }
        if entry["params"] is not None:
            with open(os.path.join(folder, entry["params_name"]), "w") as handle:
                handle.write(entry["params"])
            record["params"] = entry["params_name"]
        if entry["now"] is not None:
            record["now"] = entry["now"]
        if entry["params_format"] is not None:
            record["params_format"] = entry["params_format"]
        with open(os.path.join(folder, "case.json"), "w") as handle:
            json.dump(record, handle, indent=2, sort_keys=True)
            handle.write("\n")
    print("wrote %d cases to %s" % (len(CASE_LIST), os.path.relpath(CASES, ROOT)))


if __name__ == "__main__":
    main()
