"""`ordo mine` from the command line: models written with --model and read back with
--conformance (PNML and BPMN), and the errors a user meets with a bad model file.

Usage: mine_cli_test.py --ordo PATH --log PATH (the running-example log)
Standard library only; prints one line per check and `N passed, N failed`.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)


def run(*args):
    p = subprocess.run([ORDO, "mine"] + list(args), capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def fields(out):
    d = json.loads(out)
    return {k: d[k] for k in d if k.startswith("tbr_") or k.startswith("align_")}


def main():
    global ORDO
    parser = argparse.ArgumentParser()
    parser.add_argument("--ordo", required=True)
    parser.add_argument("--log", required=True)
    a = parser.parse_args()
    ORDO = a.ordo
    log = a.log
    with tempfile.TemporaryDirectory() as tmp:
        mined_code, mined_out, err = run(log, "--json", "--no-precision")
        check(mined_code == 0, "mine the log: " + err.strip())
        mined = fields(mined_out)
        check(mined.get("tbr_log_fitness") == 1 and mined.get("align_unfinished_variants") == 0,
              "mined model replays the running example: %s" % mined)
        read_back = {}
        for ext in ("pnml", "bpmn"):
            path = os.path.join(tmp, "model." + ext)
            code, _, err = run(log, "--model", path, "--no-align", "--no-precision")
            check(code == 0 and os.path.getsize(path) > 0, "--model OUT.%s writes the file %s" % (ext, err.strip()))
            code, out, err = run(log, "--json", "--no-precision", "--conformance", path)
            check(code == 0, "--conformance OUT.%s reads it back %s" % (ext, err.strip()))
            read_back[ext] = fields(out) if code == 0 else {}
        # The PNML is the mined net itself: every figure equal. The BPMN model is the same
        # behaviour with other silent steps (gateways), so its fitting traces are equal.
        check(read_back["pnml"] == mined, "the PNML net replays and aligns as the mined one: %s" % read_back["pnml"])
        check(read_back["bpmn"].get("tbr_perc_fit_traces") == mined["tbr_perc_fit_traces"] and
              read_back["bpmn"].get("align_perc_fit_traces") == mined["align_perc_fit_traces"],
              "the BPMN model fits the same traces: %s" % read_back["bpmn"])
        # A BPMN model converted to PNML through --conformance aligns exactly as the BPMN model.
        bpmn, pnml = os.path.join(tmp, "model.bpmn"), os.path.join(tmp, "converted.pnml")
        code, _, err = run(log, "--conformance", bpmn, "--model", pnml, "--no-align", "--no-precision")
        check(code == 0, "--conformance BPMN --model OUT.pnml converts the model %s" % err.strip())
        code, out, err = run(log, "--json", "--no-precision", "--conformance", pnml)
        check(code == 0 and fields(out) == read_back["bpmn"],
              "the converted net replays and aligns as the BPMN model %s" % err.strip())
        # Bad model files: the error names the file, the element and the line; nothing is written.
        bad = os.path.join(tmp, "bad.pnml")
        with open(bad, "w") as f:
            f.write("<pnml>\n<net id='n'>\n<place id='i'><initialMarking><text>1</text></initialMarking></place>\n"
                    "<transition id='t'/>\n<arc id='a9' source='i' target='p_7'/>\n</net>\n</pnml>\n")
        code, out, err = run(log, "--conformance", bad)
        check(code != 0 and "bad.pnml" in err and 'arc id="a9"' in err and "line 5" in err and "p_7" in err,
              "a PNML arc to an unknown place is named with its line: %r" % err.strip())
        with open(bad, "w") as f:
            f.write("<pnml><net><page>")
        code, out, err = run(log, "--conformance", bad)
        check(code != 0 and "malformed XML" in err, "truncated PNML is malformed XML: %r" % err.strip())
        code, out, err = run(log, "--model", os.path.join(tmp, "model.txt"))
        check(code == 2 and ".bpmn or .pnml" in err, "--model with another extension is refused: %r" % err.strip())
        code, out, err = run(log, "--no-model", "--model", os.path.join(tmp, "x.pnml"))
        check(code == 2 and "--no-model" in err, "--model OUT.pnml with --no-model is refused: %r" % err.strip())
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
