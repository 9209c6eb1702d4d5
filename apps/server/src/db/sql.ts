/** SQL text built from values declared elsewhere (the contracts' enums), so that no list is written twice. */

/** `('a', 'b')` for `IN` clauses and CHECK constraints; the values are our own identifiers, never input. */
export function sqlList(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[a-z_]+$/.test(value)) throw new Error(`not an identifier-like value: ${value}`);
  }
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}
