import { blob, map, string } from "../../server/shapes";

/** Member shapes shared by Kinesis operations, as the API reference gives them. */
export const streamName = string({ min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+" });
export const streamArn = string({ min: 1, max: 2048, pattern: "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+" });
/** A stream's or a consumer's ARN (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html). */
export const resourceArn = string({ min: 1, max: 2048, pattern: "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+" });
/** Reserved by AWS, not implemented: accepted and ignored. */
export const streamId = string();
export const shardId = string({ min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+" });
export const sequenceNumber = string({ pattern: "0|([1-9]\\d{0,128})" });
export const hashKey = string({ pattern: "0|([1-9]\\d{0,38})" });
export const partitionKey = string({ min: 1, max: 256 });
export const recordData = blob({ max: 1024 * 1024 });
export const tagKey = string({ min: 1, max: 128 });
export const tagValue = string({ min: 0, max: 256 });
export const tagMap = map(tagKey, tagValue, { min: 1, max: 50 });

/** The members by which most operations name their stream: either or both. */
export const streamReference = { StreamName: streamName, StreamARN: streamArn, StreamId: streamId };

/** ConsumerName and ConsumerARN as the API reference constrains them (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html). */
export const consumerName = string({ min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+" });
export const consumerArn = string({ min: 1, max: 2048, pattern: "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+" });
