"""Mirrors what gradio_client (Python) does against a Gradio server, with the
standard library only (gradio_client itself cannot be installed here):
config (version > 3.36.1, every dependency id a component), /info, upload,
queue/join, the queue/data SSE stream (every line must start with "data:",
ends on close_stream) and the output file download.

Usage: python3 client_flow.py <app url> <api_name> <json args> [file to upload]
Prints the outputs as JSON (file outputs replaced by their downloaded size).
"""
import json
import sys
import urllib.request
import uuid
from urllib.parse import urljoin


def get_json(url):
    with urllib.request.urlopen(url) as r:
        return json.load(r)


def post_json(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def upload(url, path):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        data = f.read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{path.split('/')[-1]}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    src, api_name, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    # URL resolution exactly as gradio_client 2.6.0's Client.__init__: the
    # app URL gets a trailing slash, and the config's api_prefix is made
    # relative, so an app mounted at a sub-path keeps its path.
    src = src if src.endswith("/") else src + "/"
    config = get_json(urljoin(src, "config"))
    version = tuple(int(x) for x in config["version"].split(".")[:3])
    assert version > (3, 36, 1), config["version"]
    assert config["protocol"] == "sse_v3"
    ids = {c["id"] for c in config["components"]}
    for d in config["dependencies"]:
        for i in d["inputs"] + d["outputs"]:
            assert i in ids, f"component {i} missing"
    api_prefix = config.get("api_prefix", "").lstrip("/") + "/"
    prefixed = urljoin(src, api_prefix).rstrip("/") + "/"
    info = get_json(urljoin(prefixed, "info?serialize=False"))
    assert "/" + api_name in info["named_endpoints"]
    fn_index = next(d["id"] for d in config["dependencies"] if d["api_name"] == api_name)
    if len(sys.argv) > 4:
        [path] = upload(urljoin(prefixed, "upload"), sys.argv[4])
        args = [{"path": path, "orig_name": sys.argv[4].split("/")[-1], "meta": {"_type": "gradio.FileData"}}] + args
    session = str(uuid.uuid4())
    event = post_json(urljoin(prefixed, "queue/join"), {"data": args, "fn_index": fn_index, "session_hash": session,
                                                 "event_data": None, "trigger_id": None})
    outputs = None
    with urllib.request.urlopen(urljoin(prefixed, "queue/data") + "?session_hash=" + session) as stream:
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if not line:
                continue
            if not line.startswith("data:"):
                raise ValueError(f"Unexpected SSE line: '{line}'")
            msg = json.loads(line[5:])
            if msg["msg"] == "heartbeat":
                continue
            if msg["msg"] == "close_stream":
                break
            assert msg["event_id"] == event["event_id"]
            if msg["msg"] == "process_completed":
                if not msg["success"]:
                    raise RuntimeError(msg["output"].get("error"))
                outputs = msg["output"]["data"]
    result = []
    for o in outputs:
        if isinstance(o, dict) and o.get("meta", {}).get("_type") == "gradio.FileData":
            with urllib.request.urlopen(o["url"]) as r:
                result.append({"downloaded": len(r.read()), "mime_type": o.get("mime_type")})
        else:
            result.append(o)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
