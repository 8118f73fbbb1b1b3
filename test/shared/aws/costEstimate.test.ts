import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { estimateHourlyCost, formatCostEstimate, US_EAST_1_PRICES } from "@gpu-stream/shared";

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

describe("estimateHourlyCost", () => {
  test("the published us-east-1 prices", () => {
    assert.deepEqual(US_EAST_1_PRICES, {
      kinesis: { provisionedShardHour: 0.015, putPayloadUnitsPerMillion: 0.014, onDemandStreamHour: 0.04, onDemandDataInPerGb: 0.08, onDemandDataOutPerGb: 0.04 },
      firehose: { ingestedPerGb: 0.029 },
      s3: { storagePerGbMonth: 0.023 },
      glue: { crawlerDpuHour: 0.44, crawlerMinimumMinutes: 10 },
      logs: { ingestedPerGb: 0.5, storagePerGbMonth: 0.03 },
      athena: { perTbScanned: 5, minimumMbPerQuery: 10 },
    });
  });

  test("a provisioned stream bills $0.015 per shard-hour; nothing else bills by the hour", () => {
    const one = estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 1, region: "us-east-1" });
    close(one.usdPerHour, 0.015);
    close(one.usdPerDay, 0.36);
    close(one.usdPerMonth, 10.95);
    assert.deepEqual(
      one.lines.filter((line) => line.billing === "hourly").map((line) => line.service),
      ["Kinesis data stream"],
    );
    assert.equal(one.regionNote, undefined);
    close(estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 4, region: "us-east-1" }).usdPerHour, 0.06);
  });

  test("an on-demand stream bills $0.04 per stream-hour whatever its shards", () => {
    const estimate = estimateHourlyCost({ streamMode: "ON_DEMAND", shardCount: 7, region: "us-east-1" });
    close(estimate.usdPerHour, 0.04);
    assert.equal(estimate.shardCount, 0);
    assert.match(estimate.lines.find((line) => line.billing === "per use" && line.service === "Kinesis data stream")!.price, /\$0\.08 per GB written.*\$0\.04 per GB read/);
  });

  test("per-use minimums: a crawler run at least 10 DPU-minutes, an Athena query at least 10 MB", () => {
    const estimate = estimateHourlyCost({ streamMode: "PROVISIONED", region: "us-east-1" });
    close(estimate.lines.find((line) => line.service === "Glue crawler")!.minimumUsdPerUse!, 0.44 / 6);
    close(estimate.lines.find((line) => line.service === "Athena")!.minimumUsdPerUse!, 0.00005);
    assert.equal(estimate.lines.find((line) => line.service === "IAM")!.billing, "free");
  });

  test("another region is estimated with us-east-1 prices and says so", () => {
    const estimate = estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 1, region: "sa-east-1" });
    assert.match(estimate.regionNote ?? "", /us-east-1 prices; sa-east-1 differs/);
  });

  test("a provisioned stream needs a whole number of shards", () => {
    assert.throws(() => estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 0, region: "us-east-1" }), RangeError);
    assert.throws(() => estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 1.5, region: "us-east-1" }), RangeError);
  });
});

describe("formatCostEstimate", () => {
  test("separates what bills by the hour from what bills per use, and says other regions differ", () => {
    const text = formatCostEstimate(estimateHourlyCost({ streamMode: "PROVISIONED", shardCount: 2, region: "us-east-1" }));
    const hourly = text.indexOf("Bills every hour");
    const perUse = text.indexOf("Bills per use");
    assert.ok(hourly >= 0 && perUse > hourly, text);
    assert.match(text.slice(hourly, perUse), /Kinesis data stream +2 shards × \$0\.015 per shard-hour \(provisioned\) = \$0\.0300\/hour/);
    assert.match(text.slice(hourly, perUse), /Total +\$0\.0300\/hour ≈ \$0\.72\/day ≈ \$21\.90\/month/);
    assert.match(text.slice(perUse), /Firehose +\$0\.029 per GB ingested/);
    assert.match(text.slice(perUse), /Glue crawler +\$0\.44 per DPU-hour.*\(at least \$0\.0733 each\)/);
    assert.match(text.slice(perUse), /Athena +\$5 per TB scanned, 10 MB minimum per query \(at least \$0\.00005 each\)/);
    assert.match(text.slice(perUse), /CloudWatch Logs +\$0\.5 per GB ingested, \$0\.03 per GB-month \(Firehose's error events only, kept 1 day\)/);
    assert.match(text, /other regions differ/);
    assert.match(text, /Free:\n +IAM/);
  });
});
