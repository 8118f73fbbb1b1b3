import { roleArn, type PipelineNames } from "../provision/pipelineNames";

const LAKE_FORMATION_DENIAL = /Insufficient Lake Formation permission/i;

/**
 * Glue answers AccessDeniedException "Insufficient Lake Formation permission(s) on ..." and Athena fails the query
 * with the same words when the account governs its Data Catalog with Lake Formation: IAM allowed the call, Lake
 * Formation did not. https://docs.aws.amazon.com/lake-formation/latest/dg/access-control-overview.html
 */
export function isLakeFormationDenial(error: unknown): boolean {
  return error instanceof Error && LAKE_FORMATION_DENIAL.test(error.message);
}

/** Says what Lake Formation is, that this account uses it, and the grants to ask an administrator for. */
export class LakeFormationDenied extends Error {
  constructor(names: PipelineNames, crawlerRoleArn: string, cause: Error) {
    const grant = (principal: string, permissions: string, resource: string): string =>
      `    aws lakeformation grant-permissions --region ${names.region} --principal DataLakePrincipalIdentifier=${principal} --permissions ${permissions} --resource '${resource}'`;
    const database = JSON.stringify({ Database: { Name: names.database } });
    const tables = JSON.stringify({ Table: { DatabaseName: names.database, TableWildcard: {} } });
    super(
      [
        `AWS Lake Formation refused: ${cause.message}`,
        `Lake Formation is a permission layer over the Glue Data Catalog (databases and tables): in account ${names.accountId} it`,
        `governs the catalog, so IAM permissions alone do not let you or the crawler make or read database ${names.database}.`,
        `Ask a Lake Formation administrator of the account for these grants (then run again):`,
        `  you (the Arn of 'aws sts get-caller-identity'): create the database and manage its tables, e.g.`,
        grant("<your ARN>", "CREATE_DATABASE", JSON.stringify({ Catalog: {} })),
        grant("<your ARN>", "ALL", database),
        grant("<your ARN>", "ALL", tables),
        `  the crawler's role ${crawlerRoleArn}: make and update the tables of ${names.database}, e.g.`,
        grant(crawlerRoleArn, "ALL", database),
        grant(crawlerRoleArn, "ALL", tables),
        `  (and, if s3://${names.bucket}/ is a registered Lake Formation location, DATA_LOCATION_ACCESS on it for the crawler's role)`,
      ].join("\n"),
      { cause },
    );
    this.name = "LakeFormationDenied";
  }
}

/** Runs a Glue or Athena step; a Lake Formation denial comes out as LakeFormationDenied, anything else as it was. */
export async function explainLakeFormationDenial<T>(names: PipelineNames, run: () => Promise<T>, crawlerRoleArn = roleArn(names, names.crawlerRole)): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isLakeFormationDenial(error)) {
      throw new LakeFormationDenied(names, crawlerRoleArn, error as Error);
    }
    throw error;
  }
}
