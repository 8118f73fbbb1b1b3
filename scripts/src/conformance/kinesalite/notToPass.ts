/**
 * The kinesalite tests the emulator is not meant to pass, and why: each asserts something kinesalite observed of
 * Kinesis before 2020 that AWS has since changed or documents as undefined. Keyed by test file, then by mocha's full
 * title. Anything failing that is not listed here is a bug to fix (the harness exits non-zero).
 */
export const NOT_TO_PASS_REASONS = {
  opaqueSequenceNumber:
    "asserts kinesalite's byte layout of sequence numbers; AWS documents them as opaque (API_PutRecord: \"a unique identifier\"; the Developer Guide: \"sequence numbers ... increase over time\"), and the emulator issues its own 56-digit ones",
  opaqueShardIterator: "asserts kinesalite's byte layout of shard iterators; AWS documents them as opaque tokens (API_GetShardIterator)",
  streamNameOptional:
    "expects StreamName to be required; since StreamARN was added (2022) every operation takes StreamName or StreamARN, and the API reference marks StreamName Required: No",
  tagsPerCall: "expects at most 10 tags per AddTagsToStream; AWS now allows 50 tags per call (API_AddTagsToStream: \"up to 50 tags\")",
  retentionMaximum: "expects at most 168 hours of retention; AWS now allows 8760 (API_IncreaseStreamRetentionPeriod)",
  onDemand: "predates on-demand streams (2021): ShardCount is optional now, with StreamModeDetails ON_DEMAND (API_CreateStream)",
  noTarget: "sends a request without X-Amz-Target; on this shared port such a request is S3's (path-style), as it is on LocalStack",
} as const;

export type NotToPassReason = keyof typeof NOT_TO_PASS_REASONS;

export const NOT_TO_PASS: Readonly<Record<string, Readonly<Record<string, NotToPassReason>>>> = {};
