/** One reference case of a G2P parity harness. */
export interface ParityCase<G> {
  id: string;
  category: string;
  input: string;
  expected: string;
  run(g2p: G): Promise<string> | string;
}

/**
 * Runs a package's parity cases and prints agreement per category (misses listed under their
 * category), then the total; returns true when everything agreed. Shared by the G2P packages'
 * `pnpm parity` scripts so their reports read the same.
 */
export async function reportParity<G>(
  cases: readonly ParityCase<G>[],
  g2p: G,
  label: string,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  const byCategory = new Map<string, { agree: number; total: number; misses: string[] }>();
  for (const check of cases) {
    const got = await check.run(g2p);
    const row = byCategory.get(check.category) ?? { agree: 0, total: 0, misses: [] };
    row.total++;
    if (got === check.expected) row.agree++;
    else {
      row.misses.push(
        `    ${check.id} ${check.input}: got ${JSON.stringify(got)}, expected ${JSON.stringify(check.expected)}`,
      );
    }
    byCategory.set(check.category, row);
  }
  let agree = 0;
  let total = 0;
  for (const [category, row] of byCategory) {
    agree += row.agree;
    total += row.total;
    print(line(row.agree, row.total, category));
    for (const miss of row.misses) print(miss);
  }
  print(line(agree, total, `all (${label})`));
  return agree === total;
}

function line(agree: number, total: number, what: string): string {
  const pct = `${((100 * agree) / Math.max(total, 1)).toFixed(1)}%`;
  return `${`${agree}/${total}`.padStart(8)}  ${pct.padStart(6)}  ${what}`;
}
