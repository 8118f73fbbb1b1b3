import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AccessDeniedException } from "@aws-sdk/client-glue";
import { awsPipelineNames, explainLakeFormationDenial, isLakeFormationDenial, LakeFormationDenied } from "@gpu-stream/shared";

const names = awsPipelineNames("123456789012", "eu-west-1");

function glueDenial(message: string): AccessDeniedException {
  return new AccessDeniedException({ message, $metadata: { httpStatusCode: 400 } });
}

describe("Lake Formation denials", () => {
  test("recognizes Glue's AccessDeniedException and Athena's failed query that name Lake Formation, and nothing else", () => {
    assert.equal(isLakeFormationDenial(glueDenial("Insufficient Lake Formation permission(s) on gpu_stream")), true);
    assert.equal(isLakeFormationDenial(new Error("query failed: Insufficient Lake Formation permission(s): Required Create Table on gpu_stream")), true);
    assert.equal(isLakeFormationDenial(glueDenial("User is not authorized to perform: glue:GetDatabase")), false);
    assert.equal(isLakeFormationDenial("Insufficient Lake Formation permission(s)"), false);
  });

  test("explains what Lake Formation is and the grants to ask for, for the caller and the crawler's role", async () => {
    const denial = glueDenial("Insufficient Lake Formation permission(s) on gpu_stream (Service: AWSGlue)");
    const error = await explainLakeFormationDenial(names, () => Promise.reject(denial)).then(
      () => assert.fail("it should reject"),
      (rejected: unknown) => rejected,
    );
    assert.ok(error instanceof LakeFormationDenied);
    assert.equal(error.cause, denial);
    assert.match(error.message, /Lake Formation is a permission layer over the Glue Data Catalog/);
    assert.match(error.message, /in account 123456789012 it\ngoverns the catalog/);
    assert.match(error.message, /--principal DataLakePrincipalIdentifier=<your ARN> --permissions CREATE_DATABASE/);
    assert.match(error.message, /--principal DataLakePrincipalIdentifier=arn:aws:iam::123456789012:role\/gpu-stream-glue-crawler --permissions ALL --resource '\{"Database":\{"Name":"gpu_stream"\}\}'/);
    assert.match(error.message, /--region eu-west-1/);
  });

  test("names a crawler role the user gave, and lets other errors through as they were", async () => {
    const given = "arn:aws:iam::123456789012:role/team/their-crawler";
    await assert.rejects(explainLakeFormationDenial(names, () => Promise.reject(glueDenial("Insufficient Lake Formation permission(s)")), given), new RegExp(`principal DataLakePrincipalIdentifier=${given.replace(/\//g, "\\/")}`));
    const other = glueDenial("User is not authorized to perform: glue:CreateDatabase");
    await assert.rejects(explainLakeFormationDenial(names, () => Promise.reject(other)), (error) => error === other);
    assert.equal(await explainLakeFormationDenial(names, () => Promise.resolve(7)), 7);
  });
});
