import { crawlerLogStreams, describeResource, firehoseErrorLog, LOG_RETENTION_DAYS, logStreamPath, type PipelineNames } from "@gpu-stream/shared";

export interface LeftoverScope {
  readonly region: string;
  readonly profile?: string;
  /** Roles the user gave (--firehose-role-arn, --crawler-role-arn): theirs, never listed for removal. */
  readonly givenRoles?: { readonly firehose?: string; readonly crawler?: string };
}

/** The command that removes what a run on AWS left: `gpu-stream teardown --mode aws` with the run's region and profile. */
export function teardownCommand(scope: LeftoverScope): string {
  const flags = [
    `--region ${scope.region}`,
    ...(scope.profile === undefined ? [] : [`--profile ${scope.profile}`]),
    ...(scope.givenRoles?.firehose === undefined ? [] : [`--firehose-role-arn ${scope.givenRoles.firehose}`]),
    ...(scope.givenRoles?.crawler === undefined ? [] : [`--crawler-role-arn ${scope.givenRoles.crawler}`]),
  ];
  return `npx gpu-stream teardown --mode aws ${flags.join(" ")}`;
}

/** What an AWS run may leave in place, by name, and the exact command (or notebook) that removes it. */
export function describeAwsLeftovers(names: PipelineNames, scope: LeftoverScope): string {
  const resources = [
    describeResource({ kind: "stream", name: names.stream }) + " (bills by the hour)",
    describeResource({ kind: "deliveryStream", name: names.deliveryStream }),
    describeResource({ kind: "logGroup", name: firehoseErrorLog(names).logGroupName }) + ` (Firehose's errors, kept ${LOG_RETENTION_DAYS} day(s))`,
    describeResource({ kind: "crawler", name: names.crawler }),
    ...crawlerLogStreams(names).map((stream) => describeResource({ kind: "logStream", name: logStreamPath(stream) })),
    describeResource({ kind: "database", name: names.database }),
    ...(scope.givenRoles?.firehose === undefined ? [describeResource({ kind: "role", name: names.firehoseRole })] : []),
    ...(scope.givenRoles?.crawler === undefined ? [describeResource({ kind: "role", name: names.crawlerRole })] : []),
    describeResource({ kind: "bucket", name: names.bucket }),
  ];
  return [
    `These may be left on AWS (account ${names.accountId}, region ${scope.region}):`,
    ...resources.map((line) => `  ${line}`),
    `Remove them with:  ${teardownCommand(scope)}`,
    `(or run notebooks/04_teardown.ipynb with MODE = "aws" and CONFIRM = true)`,
  ].join("\n");
}
