"""Differential test of `pbsim check` against pabulib-checker 1.0.8 on mutated files.
Makes N mutants of the small faulty files in ../shared/checker/cases (cells replaced by tricky values,
META keys set, lines deleted, doubled or blanked, trailing `;`), runs the real checker on them and
then ../shared/tools/check-checker.py on pbsim.
Usage (the checker in a venv: python3 -m venv V && V/bin/pip install pabulib-checker==1.0.8):
  python3 Tests/scripts/checker-differential.py V/bin/python .build/release/pbsim SEED N OUTDIR
Measured at landing: seeds 1 and 2 (300 and 600 mutants, 94 of them crashing the checker): every
file matched."""
import random, os, sys, glob, subprocess
if len(sys.argv) != 6:
    sys.exit(__doc__)
checker_python, pbsim, seed, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared')
shared = os.environ.get('SHARED', shared)
random.seed(seed)
os.makedirs(os.path.join(out, 'cases'), exist_ok=True)
os.makedirs(os.path.join(out, 'expected'), exist_ok=True)
srcs = sorted(p for p in glob.glob(os.path.join(shared, 'checker', 'cases', '*.pb')) if os.path.getsize(p) < 40000)
palette = ['', ' x', '1,5', 'inf', 'nan', 'abc', '-3', '0', '999999999', '1e3', 'K', 'F', '1.0', '2', '3', '4',
           '"q"', '01.02.2020', '2020', '31.02.2020', 'greedy', 'greedy-threshold', 'greedy-no-skip', 'equalshares',
           'equalshares/add1', 'greedy-custom', 'greedy-exclusive', 'unknown', 'approval', 'cumulative', 'choose-1',
           'scoring', 'ordinal', '#1: a', '#2: b', 'pl', 'PLN', 'Poznań', '1,2', '1, 2', '12-40', '40-12', 'paper',
           '95', '-200', '1_000', ' 5', '5 ', '\u00a05']
metakeys = ['min_project_score_threshold', 'max_length', 'min_length', 'fully_funded', 'max_sum_points', 'min_points',
            'max_points', 'min_sum_cost', 'max_sum_cost', 'comment', 'categories', 'rule', 'vote_type', 'unit',
            'num_votes', 'num_projects', 'budget', 'date_begin', 'date_end', 'experimental', 'language', 'currency']
for i in range(n):
    src = random.choice(srcs)
    data = open(src, 'rb').read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        continue
    lines = text.split('\n')
    for _ in range(random.randint(1, 3)):
        k = random.randrange(len(lines))
        op = random.random()
        if op < 0.35 and ';' in lines[k]:
            cells = lines[k].split(';')
            j = random.randrange(len(cells))
            cells[j] = random.choice(palette)
            lines[k] = ';'.join(cells)
        elif op < 0.55:
            # set a META key
            try:
                m = [x.lower() for x in lines].index('key;value')
            except ValueError:
                m = 1
            key = random.choice(metakeys)
            idx = next((t for t, x in enumerate(lines) if x.startswith(key + ';')), None)
            val = random.choice(palette)
            if idx is None:
                lines.insert(m + 1 + random.randint(0, 3), key + ';' + val)
            else:
                lines[idx] = key + ';' + val
        elif op < 0.65:
            del lines[k]
        elif op < 0.72:
            lines.insert(k, lines[k])
        elif op < 0.78:
            lines.insert(k, '')
        elif op < 0.9:
            # change selected/votes column value in PROJECTS rows
            cells = lines[k].split(';')
            if len(cells) > 2:
                cells[-1] = random.choice(['0', '1', '2', '3', ''])
                lines[k] = ';'.join(cells)
        else:
            lines[k] = lines[k] + ';'
    name = f'm{seed}_{i:04d}.pb'
    open(os.path.join(out, 'cases', name), 'w', encoding='utf-8').write('\n'.join(lines))

cases = sorted(glob.glob(os.path.join(out, 'cases', '*.pb')))
env = dict(os.environ, PYTHONHASHSEED='0')
subprocess.run([checker_python, os.path.join(shared, 'checker', 'run_checker.py'), os.path.join(out, 'expected')] + cases,
               env=env, check=True, stdout=subprocess.DEVNULL)
sys.exit(subprocess.run([sys.executable, os.path.join(shared, 'tools', 'check-checker.py'), pbsim,
                         os.path.join(out, 'expected'), os.path.join(out, 'cases')]).returncode)
