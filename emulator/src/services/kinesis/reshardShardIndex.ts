/** AWS's largest shard index in a SplitShard or MergeShards argument (kinesalite's tests, run against AWS, probe it). */
const LARGEST_ARGUMENT_INDEX = 2147483647;

/**
 * The shard index SplitShard and MergeShards read from an argument: the digits after the first `-` (any prefix
 * will do: `shard-0`, `anything-0`), or the whole argument when it has none. Undefined when that is not a
 * decimal up to 2^31 - 1; AWS then answers "Could not find shard" before looking the stream up.
 */
export function reshardShardIndex(argument: string): number | undefined {
  const dash = argument.indexOf("-");
  const afterDash = dash < 0 ? "" : argument.slice(dash + 1).split("-")[0]!;
  const digits = afterDash === "" ? argument : afterDash;
  if (!/^\d+$/.test(digits)) {
    return undefined;
  }
  const index = Number(digits);
  return index <= LARGEST_ARGUMENT_INDEX ? index : undefined;
}
