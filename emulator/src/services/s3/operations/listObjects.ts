import type { ListObjectsOutput } from "@aws-sdk/client-s3";
import { contentsEntry, integerParameter, listEncoder } from "../protocol/listing";
import type { S3Operation } from "../protocol/S3Operation";

/** ListObjects (v1): pages by Marker; NextMarker only when a delimiter is given, as S3 documents. */
export const listObjects: S3Operation = async (request, { store }) => {
  const encode = listEncoder(request);
  const maxKeys = integerParameter(request, "max-keys", 1000, 1000);
  const prefix = request.query.get("prefix") ?? "";
  const delimiter = request.query.get("delimiter") || undefined;
  const marker = request.query.get("marker") ?? "";
  const page = await store.listObjects(request.bucket!, { prefix, delimiter, after: marker || undefined, maxKeys });
  const result = {
    Name: request.bucket!,
    Prefix: encode(prefix),
    Marker: encode(marker),
    ...(delimiter === undefined ? {} : { Delimiter: encode(delimiter) }),
    MaxKeys: maxKeys,
    IsTruncated: page.isTruncated,
    ...(request.query.has("encoding-type") ? { EncodingType: "url" as const } : {}),
    ...(page.isTruncated && delimiter !== undefined && page.last !== undefined ? { NextMarker: encode(page.last) } : {}),
    Contents: page.objects.map((object) => contentsEntry(object, encode, true)),
    CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
  } satisfies Omit<ListObjectsOutput, "Contents"> & { Contents: unknown[] };
  return { xml: { ListBucketResult: result } };
};
