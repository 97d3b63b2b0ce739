"""The floor: runs inside Kodi as the default.py of a throw-away script add-on the bench installs.

No add-on logic at all: it sends prepared JSON-RPC calls with xbmc.executeJSONRPC in batches and times
them, so the same writes the add-on makes can be compared with Kodi's own cost. sys.argv[1] is a job
file: {"experiments": [{"name", "batch", "calls": [{"method", "params"}]}], "result": path}.
"""
import json
import os
import sys
import time

import xbmc


def send(chunk):
    """One executeJSONRPC call (a single request for batch size 1); returns the number of errors."""
    requests = [{"jsonrpc": "2.0", "id": index, "method": call["method"], "params": call["params"]}
                for index, call in enumerate(chunk)]
    text = xbmc.executeJSONRPC(json.dumps(requests if len(requests) > 1 else requests[0]))
    answers = json.loads(text)
    answers = answers if isinstance(answers, list) else [answers]
    return sum(1 for answer in answers if "error" in answer) + len(chunk) - len(answers)


def run_experiment(experiment):
    calls, batch = experiment["calls"], experiment["batch"]
    errors = 0
    started = time.perf_counter()
    for start in range(0, len(calls), batch):
        errors += send(calls[start:start + batch])
    seconds = time.perf_counter() - started
    xbmc.log(f"[bench floor] {experiment['name']}: {len(calls)} calls in {seconds:.3f} s", xbmc.LOGINFO)
    return {"name": experiment["name"], "calls": len(calls), "batch": batch, "seconds": seconds, "errors": errors}


def main(job_path):
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    results = [run_experiment(experiment) for experiment in job["experiments"]]
    partial = job["result"] + ".partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    os.replace(partial, job["result"])


if __name__ == "__main__":
    main(sys.argv[1])
