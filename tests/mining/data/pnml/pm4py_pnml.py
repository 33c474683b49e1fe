"""Writes PM4Py's inductive-miner net of each named log as PNML, with PM4Py's token-replay fitness.

Usage (PM4Py 2.7.14 on PYTHONPATH, see ../../../../../shared/peers/pm4py/README.md):
    /usr/bin/python3 pm4py_pnml.py EVENTLOG_DIR LOG... > pm4py-tbr.jsonl
Each LOG's net goes to <LOG up to the first dot>.pnml in the current directory.
"""
import json
import sys

import pm4py


def main():
    directory, names = sys.argv[1], sys.argv[2:]
    for name in names:
        log = pm4py.read_xes(directory + "/" + name)
        net, initial, final = pm4py.discover_petri_net_inductive(log)
        out = name.split(".")[0] + ".pnml"
        pm4py.write_pnml(net, initial, final, out)
        tbr = pm4py.fitness_token_based_replay(log, net, initial, final)
        print(json.dumps({"log": name, "pnml": out, "places": len(net.places),
                          "transitions": len(net.transitions), "tbr": tbr}))


if __name__ == "__main__":
    main()
