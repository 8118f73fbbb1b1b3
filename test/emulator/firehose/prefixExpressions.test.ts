import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deliveryPrefixes } from "@gpu-stream/emulator/internal/services/firehose/objectKeys";
import { evaluatePrefix, parsePrefix, PrefixError } from "@gpu-stream/emulator/internal/services/firehose/prefixExpressions";

// 2018-08-27 10:30:05.250 UTC, the instant of the examples in
// https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html (give or take the seconds).
const AUG_27 = Date.UTC(2018, 7, 27, 10, 30, 5, 250);
const values = { timeMs: AUG_27, errorOutputType: "processing-failed", randomString: () => "5abf82daaa5" };

const delivered = (prefix?: string, errorOutputPrefix?: string): string => evaluatePrefix(deliveryPrefixes(prefix, errorOutputPrefix).delivered, values);
const failed = (prefix?: string, errorOutputPrefix?: string): string => evaluatePrefix(deliveryPrefixes(prefix, errorOutputPrefix).failed, values);

describe("Firehose prefix expressions", () => {
  describe("behaviour", () => {
    test("evaluates a timestamp expression with a Java DateTimeFormatter pattern, in UTC", () => {
      assert.equal(evaluatePrefix(parsePrefix("logs/!{timestamp:yyyy/MM/dd/HH}/", "Prefix"), values), "logs/2018/08/27/10/");
    });

    test("takes text in single quotes literally and '' as a quote", () => {
      assert.equal(evaluatePrefix(parsePrefix("!{timestamp:'year='yyyy'/month='MM}/!{timestamp:''yy''}", "Prefix"), values), "year=2018/month=08/'18'");
    });

    test("formats minutes, seconds, fractions, day of year and month names", () => {
      assert.equal(evaluatePrefix(parsePrefix("!{timestamp:HH-mm-ss.SSS D MMM MMMM M d}", "Prefix"), values), "10-30-05.250 239 Aug August 8 27");
    });

    test("evaluates every timestamp of one prefix to the same instant", () => {
      assert.equal(evaluatePrefix(parsePrefix("!{timestamp:yyyy}/!{timestamp:yyyy}", "Prefix"), values), "2018/2018");
    });

    test("gives each random-string a new string of 11 characters", () => {
      const template = parsePrefix("!{firehose:random-string}/!{firehose:random-string}/", "Prefix");
      const [first, second] = evaluatePrefix(template, { timeMs: AUG_27 }).split("/");
      assert.match(first!, /^[0-9a-f]{11}$/);
      assert.match(second!, /^[0-9a-f]{11}$/);
      assert.notEqual(first, second);
    });

    test("appends yyyy/MM/dd/HH/ to a Prefix without a timestamp expression, adding no slash of its own", () => {
      assert.equal(delivered(), "2018/08/27/10/");
      assert.equal(delivered("gpu/"), "gpu/2018/08/27/10/");
      assert.equal(delivered("gpu"), "gpu2018/08/27/10/");
      assert.equal(delivered("rand=!{firehose:random-string}/", "errors/!{firehose:error-output-type}/"), "rand=5abf82daaa5/2018/08/27/10/");
    });

    test("adds no default time prefix when Prefix has a timestamp expression", () => {
      assert.equal(delivered("gpu/!{timestamp:yyyy/MM/dd}/", "errors/!{firehose:error-output-type}/"), "gpu/2018/08/27/");
    });

    test("puts failed records under <Prefix><error-output-type>/yyyy/MM/dd/HH/ when ErrorOutputPrefix is empty", () => {
      assert.equal(failed(), "processing-failed/2018/08/27/10/");
      assert.equal(failed("myFirehosePrefix/"), "myFirehosePrefix/processing-failed/2018/08/27/10/");
    });

    test("puts failed records under a plain ErrorOutputPrefix followed by <error-output-type>/yyyy/MM/dd/HH/", () => {
      assert.equal(failed("gpu/", "errors/"), "errors/processing-failed/2018/08/27/10/");
    });

    test("evaluates an ErrorOutputPrefix with expressions as written", () => {
      assert.equal(failed(undefined, "myFirehoseFailures/!{firehose:error-output-type}/"), "myFirehoseFailures/processing-failed/");
    });

    test("evaluates the examples of AWS's documentation", () => {
      const prefix = "myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}";
      const errorOutputPrefix = "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}";
      assert.equal(delivered(prefix, errorOutputPrefix), "myFirehose/DeliveredYear=2018/anyMonth/rand=5abf82daaa5");
      assert.equal(failed(prefix, errorOutputPrefix), "myFirehoseFailures/processing-failed/2018/anyMonth/27");
      const partitioned = "myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";
      const partitionedErrors = "myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}";
      assert.equal(delivered(partitioned, partitionedErrors), "myPrefix/year=2018/month=08/day=27/hour=10/");
      assert.equal(failed(partitioned, partitionedErrors), "myErrorPrefix/year=2018/month=08/day=27/hour=10/processing-failed");
    });
  });

  describe("errors", () => {
    const refuses = (prefix: string | undefined, errorOutputPrefix: string | undefined, message: RegExp): void => {
      assert.throws(() => deliveryPrefixes(prefix, errorOutputPrefix), (error: unknown) => error instanceof PrefixError && message.test(error.message));
    };

    test("refuses '!{' outside an expression", () => {
      refuses("gpu/!{timestamp:yyyy/", "errors/", /the sequence '!\{' can only appear in !\{namespace:value\} expressions/);
    });

    test("refuses an unknown namespace or firehose value", () => {
      refuses("!{time:yyyy}/", "e/!{firehose:error-output-type}", /unknown expression !\{time:yyyy\}/);
      refuses("!{firehose:uuid}/", "e/!{firehose:error-output-type}", /unknown expression !\{firehose:uuid\}/);
    });

    test("refuses partition keys without dynamic partitioning, and in ErrorOutputPrefix", () => {
      refuses("!{partitionKeyFromQuery:gpu}/", "e/!{firehose:error-output-type}", /Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled/);
      refuses("!{partitionKeyFromLambda:gpu}/", "e/!{firehose:error-output-type}", /Dynamic Partitioning Namespaces can only be part of a prefix expression/);
      refuses("gpu/", "e/!{partitionKeyFromQuery:gpu}/!{firehose:error-output-type}", /can only be used in Prefix/);
    });

    test("refuses a timestamp pattern letter it cannot evaluate", () => {
      refuses("!{timestamp:yyyy-ww}/", "e/!{firehose:error-output-type}", /pattern letter 'w'/);
      refuses("!{timestamp:'yyyy}/", "e/!{firehose:error-output-type}", /unterminated quote/);
    });

    test("refuses error-output-type in Prefix", () => {
      refuses("!{firehose:error-output-type}/", "e/!{firehose:error-output-type}", /can only be used in ErrorOutputPrefix/);
    });

    test("refuses expressions in Prefix without an ErrorOutputPrefix", () => {
      refuses("!{timestamp:yyyy/MM/dd}", undefined, /ErrorOutputPrefix can't be null or empty when Prefix contains expressions/);
      refuses("!{firehose:random-string}/", "", /ErrorOutputPrefix can't be null or empty/);
    });

    test("refuses an ErrorOutputPrefix with expressions but no error-output-type", () => {
      refuses("gpu/", "errors/!{timestamp:yyyy}/", /must contain !\{firehose:error-output-type\}/);
    });

    test("refuses a prefix longer than 512 characters once evaluated", () => {
      refuses(`${"x".repeat(500)}!{timestamp:yyyy/MM/dd/HH/}`, "e/!{firehose:error-output-type}", /longer than 512 characters/);
      assert.doesNotThrow(() => deliveryPrefixes(`${"x".repeat(498)}!{timestamp:yyyy/MM/dd}`, "e/!{firehose:error-output-type}"));
    });
  });
});
