#!/usr/bin/env python3
"""ETConformance (token-based) precision of PM4Py 2.7.14 on the inductive miner's model of one log.

Import and model as in the reference results (../shared/datasets/eventlogs/reference/):
  df = pm4py.read_xes(LOG); tree = pm4py.discover_process_tree_inductive(df, noise_threshold=0.0)
  net, im, fm = pm4py.convert_to_petri_net(tree)
then pm4py.precision_token_based_replay(df, net, im, fm) with its default parameters.

usage: PYTHONPATH=<pm4py working tree> /usr/bin/python3 pm4py_precision.py LOG   (prints one JSON line)
"""
import hashlib
import json
import os
import sys
import time
import warnings

os.environ.setdefault("PM4PY_SHOW_PROGRESS_BAR", "False")
warnings.filterwarnings("ignore")

import pm4py  # noqa: E402


def main():
    path = sys.argv[1]
    df = pm4py.read_xes(path)
    tree = pm4py.discover_process_tree_inductive(df, noise_threshold=0.0)
    net, im, fm = pm4py.convert_to_petri_net(tree)
    started = time.perf_counter()
    precision = pm4py.precision_token_based_replay(df, net, im, fm)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "log": os.path.basename(path),
        "im_tree_sha256": hashlib.sha256(str(tree).encode("utf-8")).hexdigest(),
        "im_places": len(net.places),
        "im_transitions": len(net.transitions),
        "etc_precision": repr(float(precision)),
        "precision_s": round(seconds, 3),
    }), flush=True)


if __name__ == "__main__":
    main()
