import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { actionMatches, evaluateStatements, resourceMatches, statementsOf, type EvaluatedStatement } from "@gpu-stream/emulator/internal/services/iam/policyEvaluation";

// IAM User Guide: "Policy evaluation logic", "IAM JSON policy elements" and "Condition operators".

const OBJECT = "arn:aws:s3:::telemetry/data/2026/part-0";

function decide(statements: readonly EvaluatedStatement[], action: string, resource = OBJECT, conditionKeys: Record<string, string> = {}) {
  return evaluateStatements(statements, { action, resource, conditionKeys });
}

describe("IAM policy evaluation", () => {
  describe("effects", () => {
    test("nothing applicable is an implicit deny; an Allow allows; an explicit Deny wins over any Allow", () => {
      const allow: EvaluatedStatement = { Effect: "Allow", Action: "s3:PutObject", Resource: "*" };
      const deny: EvaluatedStatement = { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::telemetry/*" };
      assert.equal(decide([], "s3:PutObject"), "implicit-deny");
      assert.equal(decide([allow], "s3:PutObject"), "allow");
      assert.equal(decide([allow, deny], "s3:PutObject"), "explicit-deny");
      assert.equal(decide([deny, allow], "s3:PutObject"), "explicit-deny");
      assert.equal(decide([allow, deny], "s3:PutObject", "arn:aws:s3:::other/key"), "allow", "the Deny names another bucket");
    });

    test("a document that does not parse, or whose Statement is one object, gives the statements it has", () => {
      assert.deepEqual(statementsOf("{not json"), []);
      assert.equal(statementsOf(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })).length, 1);
    });
  });

  describe("actions", () => {
    test("match without case, with * and ? wildcards, one of a list", () => {
      assert.equal(actionMatches("S3:putobject", "s3:PutObject"), true);
      assert.equal(actionMatches("s3:Put*", "s3:PutObject"), true);
      assert.equal(actionMatches("s3:*Object", "s3:GetObject"), true);
      assert.equal(actionMatches("s3:?etObject", "s3:GetObject"), true);
      assert.equal(actionMatches("s3:Get*", "s3:PutObject"), false);
      assert.equal(actionMatches("kinesis:*", "s3:PutObject"), false);
      assert.equal(decide([{ Effect: "Allow", Action: ["logs:PutLogEvents", "S3:PUT*"], Resource: "*" }], "s3:PutObject"), "allow");
    });

    test("NotAction allows every action but those named", () => {
      const statements: EvaluatedStatement[] = [{ Effect: "Allow", NotAction: "s3:Delete*", Resource: "*" }];
      assert.equal(decide(statements, "s3:PutObject"), "allow");
      assert.equal(decide(statements, "s3:DeleteObject"), "implicit-deny");
    });
  });

  describe("resources", () => {
    test("match with case; the wildcards of the region and account stay inside their segment", () => {
      assert.equal(resourceMatches("arn:aws:s3:::telemetry/*", OBJECT), true, "* in the resource part spans /");
      assert.equal(resourceMatches("arn:aws:s3:::Telemetry/*", OBJECT), false, "resources match with case");
      assert.equal(resourceMatches("arn:aws:s3:::telemetry", OBJECT), false, "the bucket is not its objects");
      assert.equal(resourceMatches("arn:aws:kinesis:*:000000000000:stream/gpu", "arn:aws:kinesis:us-east-1:000000000000:stream/gpu"), true);
      assert.equal(resourceMatches("arn:aws:kinesis:*:000000000000:stream/gpu", "arn:aws:kinesis:us-east-1:111111111111:stream/gpu"), false);
      assert.equal(resourceMatches("arn:aws:kinesis:us-east-?:000000000000:stream/gpu", "arn:aws:kinesis:us-east-1:000000000000:stream/gpu"), true);
      assert.equal(resourceMatches("arn:aws:kinesis:us-east-1:000000000000:stream/gpu?", "arn:aws:kinesis:us-east-1:000000000000:stream/gpu"), false, "? is exactly one character");
      assert.equal(
        resourceMatches("arn:aws:logs:us-east-1:000000000000:log-group:/aws/kinesisfirehose/*", "arn:aws:logs:us-east-1:000000000000:log-group:/aws/kinesisfirehose/gpu:log-stream:S3Delivery"),
        true,
        "the resource part's * spans : too",
      );
      assert.equal(resourceMatches("*", OBJECT), true);
    });

    test("NotResource applies to every resource but those named", () => {
      const statements: EvaluatedStatement[] = [{ Effect: "Allow", Action: "s3:PutObject", NotResource: "arn:aws:s3:::secrets/*" }];
      assert.equal(decide(statements, "s3:PutObject"), "allow");
      assert.equal(decide(statements, "s3:PutObject", "arn:aws:s3:::secrets/key"), "implicit-deny");
    });
  });

  describe("conditions", () => {
    const trust = (condition: unknown): EvaluatedStatement[] => [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "firehose.amazonaws.com" }, Condition: condition }];
    const role = "arn:aws:iam::000000000000:role/firehose";

    test("StringEquals on sts:ExternalId: the right account passes, another or none fails; key names ignore case", () => {
      const statements = trust({ StringEquals: { "sts:ExternalId": "000000000000" } });
      assert.equal(decide(statements, "sts:AssumeRole", role, { "sts:ExternalId": "000000000000" }), "allow");
      assert.equal(decide(statements, "sts:AssumeRole", role, { "STS:externalid": "000000000000" }), "allow");
      assert.equal(decide(statements, "sts:AssumeRole", role, { "sts:ExternalId": "111111111111" }), "implicit-deny");
      assert.equal(decide(statements, "sts:AssumeRole", role), "implicit-deny");
    });

    test("every key of a block must match one of its values; every block must hold", () => {
      const statements = trust({ StringEquals: { "aws:SourceAccount": ["111111111111", "000000000000"], "sts:ExternalId": "000000000000" }, ArnLike: { "aws:SourceArn": "arn:aws:firehose:*:000000000000:deliverystream/*" } });
      const keys = { "aws:SourceAccount": "000000000000", "sts:ExternalId": "000000000000", "aws:SourceArn": "arn:aws:firehose:us-east-1:000000000000:deliverystream/gpu" };
      assert.equal(decide(statements, "sts:AssumeRole", role, keys), "allow");
      assert.equal(decide(statements, "sts:AssumeRole", role, { ...keys, "aws:SourceArn": "arn:aws:firehose:us-east-1:111111111111:deliverystream/gpu" }), "implicit-deny");
      assert.equal(decide(statements, "sts:AssumeRole", role, { ...keys, "aws:SourceAccount": "222222222222" }), "implicit-deny");
    });

    test("...IfExists passes when the key is missing and tests it when present", () => {
      const statements = trust({ StringEqualsIfExists: { "aws:SourceAccount": "000000000000" } });
      assert.equal(decide(statements, "sts:AssumeRole", role), "allow");
      assert.equal(decide(statements, "sts:AssumeRole", role, { "aws:SourceAccount": "000000000000" }), "allow");
      assert.equal(decide(statements, "sts:AssumeRole", role, { "aws:SourceAccount": "111111111111" }), "implicit-deny");
    });

    test("a negated operator holds when its key is missing, so a Deny under it applies", () => {
      const statements: EvaluatedStatement[] = [
        { Effect: "Allow", Action: "s3:PutObject", Resource: "*" },
        { Effect: "Deny", Action: "s3:PutObject", Resource: "*", Condition: { StringNotEquals: { "aws:SourceAccount": "000000000000" } } },
      ];
      assert.equal(decide(statements, "s3:PutObject"), "explicit-deny", "no aws:SourceAccount: the negated test holds");
      assert.equal(decide(statements, "s3:PutObject", OBJECT, { "aws:SourceAccount": "111111111111" }), "explicit-deny");
      assert.equal(decide(statements, "s3:PutObject", OBJECT, { "aws:SourceAccount": "000000000000" }), "allow");
    });

    test("StringLike and an operator the emulator does not know (which never grants)", () => {
      assert.equal(decide(trust({ StringLike: { "aws:SourceArn": "arn:aws:firehose:*:gpu-*" } }), "sts:AssumeRole", role, { "aws:SourceArn": "arn:aws:firehose:us-east-1:gpu-1" }), "allow");
      assert.equal(decide(trust({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }), "sts:AssumeRole", role, { "aws:MultiFactorAuthAge": "10" }), "implicit-deny");
    });
  });
});
