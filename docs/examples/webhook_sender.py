#!/usr/bin/env python3
"""Reference sender for the connector's vendor-events webhook (docs/WEBHOOK.md), standard library only.

What a vendor platform's sender must do, in about a hundred lines:
  * give every event a stable, unique id (the de-duplication key) and send at most 100 per delivery;
  * sign exactly the bytes it sends: v1=hex(HMAC-SHA256(secret, "<unix seconds>.<body>"));
  * treat 202 as "recorded" and only then forget the events;
  * retry 429, 503, any other 5xx and network errors with the same events, a fresh timestamp and signature,
    exponential backoff with full jitter, honouring Retry-After; redelivery is idempotent;
  * never retry 400 (fix the event), 401 (fix the secret or the clock) or 413 (split the batch).

Usage (e.g. against `make run`):
  WEBHOOK_URL=http://127.0.0.1:3000/webhooks/vendor-events WEBHOOK_SECRET=local-webhook-secret \\
      python3 docs/examples/webhook_sender.py events.jsonl
where events.jsonl holds one event object per line. `--self-test` checks the signing against the signed examples
in events/vendor-events/.
"""
import hashlib
import hmac
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

MAX_EVENTS = 100
MAX_BYTES = 256 * 1024
RETRYABLE = {429, 500, 502, 503, 504}


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def deliver(url: str, secret: str, events: list, max_attempts: int = 8, base_delay: float = 0.5,
            max_delay: float = 60.0, body: bytes = None) -> dict:
    """Sends one batch until the connector records it (202); raises on a permanent rejection or after max_attempts.
    `body`, when given, is the batch already encoded as {"events": events} (e.g. with exact decimal quantities)."""
    if not 1 <= len(events) <= MAX_EVENTS:
        raise ValueError("a delivery holds 1 to %d events" % MAX_EVENTS)
    if body is None:
        body = json.dumps({"events": events}, separators=(",", ":")).encode()
    if len(body) > MAX_BYTES:
        raise ValueError("body over 256 KiB: send fewer events per delivery")
    for attempt in range(1, max_attempts + 1):
        timestamp = str(int(time.time()))  # fresh on every attempt: older than 300 s is refused (401)
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json",
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Signature": sign(secret, timestamp, body)})
        retry_after = None
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)  # 202 {"accepted": n, "duplicates": m}: recorded
        except urllib.error.HTTPError as e:
            if e.code not in RETRYABLE:
                # 400: an event is invalid (the body lists which); 401: secret or clock; 413: too large.
                raise RuntimeError("delivery rejected with %d: %s" % (e.code, e.read()[:500].decode(errors="replace")))
            retry_after = e.headers.get("Retry-After")
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            pass  # not known to be recorded: send the same events again
        if attempt == max_attempts:
            break
        delay = random.uniform(0, min(max_delay, base_delay * 2 ** attempt))  # full jitter
        if retry_after and retry_after.isdigit():
            delay = max(delay, float(retry_after))
        time.sleep(delay)
    raise RuntimeError("delivery not recorded after %d attempts; keep the events and try again later" % max_attempts)


def batches(events, size=MAX_EVENTS):
    for i in range(0, len(events), size):
        yield events[i:i + size]


def self_test(root: str) -> None:
    """The signatures of the example deliveries (secret and timestamp from docs/WEBHOOK.md) must match."""
    secret = "example-webhook-secret-do-not-use"
    folder = os.path.join(root, "events", "vendor-events")
    checked = 0
    for name in sorted(os.listdir(folder)):
        if name == "bad-signature.json":
            continue
        with open(os.path.join(folder, name)) as f:
            event = json.load(f)
        headers = event["headers"]
        expected = sign(secret, headers["X-Webhook-Timestamp"], event["body"].encode())
        assert headers["X-Webhook-Signature"] == expected, name
        checked += 1
    print("signatures of %d example deliveries match" % checked)


def main(argv):
    if argv[1:2] == ["--self-test"]:
        self_test(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
        return
    url, secret = os.environ["WEBHOOK_URL"], os.environ["WEBHOOK_SECRET"]
    with open(argv[1]) as f:
        events = [json.loads(line) for line in f if line.strip()]
    for batch in batches(events):
        print(json.dumps(deliver(url, secret, batch)))


if __name__ == "__main__":
    main(sys.argv)
