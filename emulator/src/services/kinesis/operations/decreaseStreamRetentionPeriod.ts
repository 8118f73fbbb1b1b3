import type { DecreaseStreamRetentionPeriodInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { invalidArgument } from "../kinesisErrors";
import type { NoOutput } from "../../../server/OperationTable";
import { retentionInput, MIN_RETENTION_HOURS } from "../retentionPeriod";
import type { StreamStore } from "../StreamStore";

export function decreaseStreamRetentionPeriod(store: StreamStore) {
  return operation<DecreaseStreamRetentionPeriodInput, NoOutput, typeof retentionInput>({
    input: retentionInput,
    handle: (input) => {
      const stream = store.getActive(store.streamNameOf(input));
      const hours = input.RetentionPeriodHours;
      if (hours < MIN_RETENTION_HOURS) {
        throw invalidArgument(`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`);
      }
      if (hours > stream.retentionHours) {
        throw invalidArgument(
          `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
        );
      }
      stream.update({ retentionHours: hours });
      return {};
    },
  });
}
