import { list, string, structure } from "../../server/shapes";

export const queryExecutionId = string({ min: 1, max: 128, pattern: "[\\w-]+" });
export const workGroupName = string({ pattern: "[a-zA-Z0-9._-]{1,128}" });
export const nextToken = string({ min: 1, max: 1024 });
export const resultConfiguration = structure({
  OutputLocation: string(),
  ExpectedBucketOwner: string(),
});
export const queryExecutionIds = list(queryExecutionId, { min: 1, max: 50 });

/** Every operation of the Athena API; those the emulator does not answer get 501 naming themselves. */
export const athenaApiOperations = [
  "BatchGetNamedQuery", "BatchGetPreparedStatement", "BatchGetQueryExecution", "CancelCapacityReservation", "CreateCapacityReservation",
  "CreateDataCatalog", "CreateNamedQuery", "CreateNotebook", "CreatePreparedStatement", "CreatePresignedNotebookUrl", "CreateWorkGroup",
  "DeleteCapacityReservation", "DeleteDataCatalog", "DeleteNamedQuery", "DeleteNotebook", "DeletePreparedStatement", "DeleteWorkGroup",
  "ExportNotebook", "GetCalculationExecutionCode", "GetCalculationExecution", "GetCalculationExecutionStatus", "GetCapacityAssignmentConfiguration",
  "GetCapacityReservation", "GetDataCatalog", "GetDatabase", "GetNamedQuery", "GetNotebookMetadata", "GetPreparedStatement", "GetQueryExecution",
  "GetQueryResults", "GetQueryRuntimeStatistics", "GetResourceDashboard", "GetSession", "GetSessionEndpoint", "GetSessionStatus", "GetTableMetadata",
  "GetWorkGroup", "ImportNotebook", "ListApplicationDPUSizes", "ListCalculationExecutions", "ListCapacityReservations", "ListDataCatalogs",
  "ListDatabases", "ListEngineVersions", "ListExecutors", "ListNamedQueries", "ListNotebookMetadata", "ListNotebookSessions", "ListPreparedStatements",
  "ListQueryExecutions", "ListSessions", "ListTableMetadata", "ListTagsForResource", "ListWorkGroups", "PutCapacityAssignmentConfiguration",
  "StartCalculationExecution", "StartQueryExecution", "StartSession", "StopCalculationExecution", "StopQueryExecution", "TagResource",
  "TerminateSession", "UntagResource", "UpdateCapacityReservation", "UpdateDataCatalog", "UpdateNamedQuery", "UpdateNotebook",
  "UpdateNotebookMetadata", "UpdatePreparedStatement", "UpdateWorkGroup",
];

