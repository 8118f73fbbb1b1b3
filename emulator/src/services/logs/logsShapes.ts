import { integer, list, long, map, string, structure } from "../../server/shapes";

// Shapes shared by several operations, as the CloudWatch Logs API reference (2014-03-28) defines them:
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Types.html

export const logGroupName = string({ min: 1, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]+" });
/** A log group's name or ARN (logGroupIdentifier). */
export const logGroupIdentifier = string({ min: 1, max: 2048, pattern: "[\\w#+=/:,.@-]*" });
export const logStreamName = string({ min: 1, max: 512, pattern: "[^:*]*" });
export const nextToken = string({ min: 1 });
/** Milliseconds since the epoch (Logs' timestamps are longs, not the JSON protocol's epoch seconds). */
export const epochMillis = long({ min: 0 });
export const describeLimit = integer({ min: 1, max: 50 });
export const eventsLimit = integer({ min: 1, max: 10000 });
export const tags = map(string({ min: 1, max: 128, pattern: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$" }), string({ min: 0, max: 256, pattern: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$" }), { min: 1, max: 50 });
export const inputLogEvent = structure({ timestamp: epochMillis, message: string({ min: 1 }) }, ["timestamp", "message"]);
export const inputLogEvents = list(inputLogEvent, { min: 1, max: 10000 });
export const logStreamNames = list(logStreamName, { min: 1, max: 100 });
export const filterPattern = string({ min: 0, max: 1024 });
