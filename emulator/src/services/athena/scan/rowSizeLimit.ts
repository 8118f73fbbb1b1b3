/**
 * Athena's row size limit: "The size of a single row or its columns cannot exceed 32 megabytes ... a hard limit
 * of the service" (https://docs.aws.amazon.com/athena/latest/ug/other-notable-limitations.html, "Row or column
 * size limitation"). Text tables hold every line to it; functions whose result size is known before it is built
 * (lpad, rpad, format's width) hold their result to it, so one short statement cannot make DuckDB allocate
 * gigabytes.
 */
export const MAX_ROW_BYTES = 32 * 1024 * 1024;
