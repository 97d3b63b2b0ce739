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
import xbmcgui


def send(chunk):
    """One executeJSONRPC call (a single request for batch size 1); returns the number of errors."""
    requests = [{"jsonrpc": "2.0", "id": index, "method": call["method"], "params": call["params"]}
                for index, call in enumerate(chunk)]
    text = xbmc.executeJSONRPC(json.dumps(requests if len(requests) > 1 else requests[0]))
    answers = json.loads(text)
    answers = answers if isinstance(answers, list) else [answers]
    return sum(1 for answer in answers if "error" in answer) + len(chunk) - len(answers)


def run_experiment(experiment):
    """`progress`: show a background progress dialog, moved at most once in that many seconds (the add-on's
    own progress bar, without the add-on), to measure what the dialog alone costs Kodi."""
    calls, batch, every = experiment["calls"], experiment["batch"], experiment.get("progress")
    errors = 0
    dialog, moved = None, 0.0
    started = time.perf_counter()
    if every:
        dialog = xbmcgui.DialogProgressBG()
        dialog.create("Bench floor", "writing")
    for start in range(0, len(calls), batch):
        errors += send(calls[start:start + batch])
        now = time.perf_counter()
        if dialog is not None and now - moved >= every:
            moved = now
            dialog.update(int(100 * (start + batch) / max(len(calls), 1)), "Bench floor", f"{start + batch} written")
    if dialog is not None:
        dialog.close()
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
