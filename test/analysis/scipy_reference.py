"""Independent reference values for test/analysis/scipy-reference.test.ts.

Usage: /usr/bin/python3 scipy_reference.py <csv> [<csv> ...]
Reads EloEverything CSVs (elo_rank,elo_score,name,elo_matches,<10 model columns>) and prints
JSON: for the 11 numeric columns (elo_score + the models) every pair's Kendall tau-b and
Spearman rho, each column's moments and type-7 quantiles, average ranks of a few columns, and
OLS fits (each model on elo_score; one two-predictor fit by least squares).
Exit code 3 with a message when scipy is missing, so the caller can fail loudly.
"""
import csv
import json
import sys

try:
    import numpy as np
    from scipy import stats
except ImportError as e:  # pragma: no cover
    sys.stderr.write("MISSING_SCIPY: %s\n" % e)
    sys.exit(3)


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    cols = [1] + list(range(4, len(header)))
    names = [header[c] for c in cols]
    data = np.array([[float(r[c]) for c in cols] for r in rows[1:]], dtype=np.float64)
    return names, data


def f(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


def reference(path):
    names, data = load(path)
    m = data.shape[1]
    pairs = []
    for i in range(m):
        for j in range(i + 1, m):
            tau = stats.kendalltau(data[:, i], data[:, j], variant="b").correlation
            rho = stats.spearmanr(data[:, i], data[:, j]).correlation
            r = stats.pearsonr(data[:, i], data[:, j])[0]
            pairs.append({"i": i, "j": j, "tau": f(tau), "rho": f(rho), "pearson": f(r)})
    moments = []
    for i in range(m):
        x = data[:, i]
        moments.append({
            "i": i,
            "mean": f(np.mean(x)),
            "var0": f(np.var(x, ddof=0)),
            "var1": f(np.var(x, ddof=1)),
            "skew": f(stats.skew(x)),
            "skewUnbiased": f(stats.skew(x, bias=False)),
            "quantiles": [f(q) for q in np.quantile(x, [0, 0.1, 0.25, 0.5, 0.9, 0.975, 1])],
        })
    regressions = []
    for i in range(1, m):
        lr = stats.linregress(data[:, 0], data[:, i])
        regressions.append({
            "i": i,
            "slope": f(lr.slope),
            "intercept": f(lr.intercept),
            "stderr": f(lr.stderr),
            "interceptStderr": f(lr.intercept_stderr),
            "r2": f(lr.rvalue ** 2),
        })
    # Two predictors: model column 1 ~ elo_score + model column 5, by least squares.
    X = np.column_stack([np.ones(len(data)), data[:, 0], data[:, 5]])
    beta, *_ = np.linalg.lstsq(X, data[:, 1], rcond=None)
    resid = data[:, 1] - X @ beta
    sigma2 = resid @ resid / (len(data) - 3)
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(X.T @ X)))
    multi = {"coef": [f(b) for b in beta], "se": [f(s) for s in se]}
    ranks = {str(i): stats.rankdata(data[:, i], method="average").tolist() for i in (0, 2, 8)}
    pct = {str(i): [f(stats.percentileofscore(data[:, i], data[k, i], kind="mean")) for k in (0, 17, 4000, 7529)] for i in (0, 2)}
    return {"names": names, "n": int(len(data)), "pairs": pairs, "moments": moments,
            "regressions": regressions, "multi": multi, "ranks": ranks, "percentiles": pct}


if __name__ == "__main__":
    out = {"scipy": __import__("scipy").__version__, "files": {p: reference(p) for p in sys.argv[1:]}}
    json.dump(out, sys.stdout)
