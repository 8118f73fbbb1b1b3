import type { ListObjectsV2Output } from "@aws-sdk/client-s3";
import { contentsEntry, decodeContinuationToken, encodeContinuationToken, integerParameter, listEncoder } from "../protocol/listing";
import type { S3Operation } from "../protocol/S3Operation";

export const listObjectsV2: S3Operation = async (request, { store }) => {
  const encode = listEncoder(request);
  const maxKeys = integerParameter(request, "max-keys", 1000, 1000);
  const prefix = request.query.get("prefix") ?? "";
  const delimiter = request.query.get("delimiter") || undefined;
  const startAfter = request.query.get("start-after");
  const token = request.query.get("continuation-token");
  const after = token !== undefined ? decodeContinuationToken(token) : startAfter || undefined;
  const withOwner = request.query.get("fetch-owner") === "true";
  const page = await store.listObjects(request.bucket!, { prefix, delimiter, after, maxKeys });
  const result = {
    Name: request.bucket!,
    Prefix: encode(prefix),
    ...(delimiter === undefined ? {} : { Delimiter: encode(delimiter) }),
    MaxKeys: maxKeys,
    KeyCount: page.objects.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ...(request.query.has("encoding-type") ? { EncodingType: "url" as const } : {}),
    ...(token === undefined ? {} : { ContinuationToken: token }),
    ...(page.isTruncated && page.last !== undefined ? { NextContinuationToken: encodeContinuationToken(page.last) } : {}),
    ...(startAfter === undefined ? {} : { StartAfter: encode(startAfter) }),
    Contents: page.objects.map((object) => contentsEntry(object, encode, withOwner)),
    CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
  } satisfies Omit<ListObjectsV2Output, "Contents"> & { Contents: unknown[] };
  return { xml: { ListBucketResult: result } };
};
