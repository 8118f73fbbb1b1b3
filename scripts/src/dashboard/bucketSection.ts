import { ListObjectsV2Command, type _Object, type S3Client } from "@aws-sdk/client-s3";
import type { BucketState, ObjectLink, Section } from "./page/dashboardWire";
import { objectHref } from "./objectHref";
import { stateSection } from "./stateSection";

/** Pages of 1,000 keys listed per look: beyond that the counts are lower bounds (a live view, not an inventory). */
const MAX_PAGES = 10;
const NEWEST_SHOWN = 6;

interface Listing {
  readonly objects: number;
  readonly bytes: number;
  readonly truncated: boolean;
  /** Newest first. */
  readonly newest: readonly _Object[];
}

async function listPrefix(s3: S3Client, bucket: string, prefix: string, keep: (object: _Object) => boolean, newestCount: number): Promise<Listing> {
  let objects = 0;
  let bytes = 0;
  let newest: _Object[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token === undefined ? {} : { ContinuationToken: token }) }));
    const kept = (page.Contents ?? []).filter((object) => object.Key !== undefined && !object.Key.endsWith("/") && keep(object));
    objects += kept.length;
    bytes += kept.reduce((sum, object) => sum + (object.Size ?? 0), 0);
    newest = [...newest, ...kept].sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0)).slice(0, newestCount);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    pages += 1;
  } while (token !== undefined && pages < MAX_PAGES);
  return { objects, bytes, truncated: token !== undefined, newest };
}

function link(object: _Object): ObjectLink {
  return { key: object.Key!, bytes: object.Size ?? 0, lastModified: (object.LastModified ?? new Date(0)).toISOString(), href: objectHref(object.Key!) };
}

/** The bucket: ListObjectsV2 under the data prefix (what Firehose delivered) and the results prefix (Athena's CSVs). */
export function bucketSection(s3: S3Client, bucket: string, dataPrefix: string, resultsPrefix: string): Promise<Section<BucketState>> {
  return stateSection(`bucket ${bucket} does not exist yet: set-up creates it`, async () => {
    const data = await listPrefix(s3, bucket, dataPrefix, () => true, NEWEST_SHOWN);
    const results = await listPrefix(s3, bucket, resultsPrefix, (object) => object.Key!.endsWith(".csv"), 1);
    const newest = data.newest.map(link);
    return {
      bucket,
      dataPrefix,
      objects: data.objects,
      bytes: data.bytes,
      truncated: data.truncated,
      ...(newest[0] === undefined ? {} : { lastDelivery: newest[0].lastModified }),
      newest,
      ...(results.newest[0] === undefined ? {} : { latestResultCsv: link(results.newest[0]) }),
    };
  });
}
