import type { DescribeLimitsInput, DescribeLimitsOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { ON_DEMAND_STREAM_LIMIT, type StreamStore } from "../StreamStore";

export function describeLimits(store: StreamStore) {
  return operation<DescribeLimitsInput, DescribeLimitsOutput>({
    input: structure({}),
    handle: () => ({
      ShardLimit: store.shardLimit,
      OpenShardCount: store.openShardCount(),
      OnDemandStreamCount: store.onDemandStreamCount(),
      OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT,
    }),
  });
}
